import type { Decision, Refusal, RefusalReason } from "@relief-ledger/domain";
import { MAX_BATCH_BYTES, isEventStoreError } from "@relief-ledger/event-store";
import { HttpError } from "@relief-ledger/http";

/** Each domain reason as HTTP says it: the status and the stable error code. */
const HTTP_STATUS: Record<RefusalReason, { status: number; code: string }> = {
  breaks_rules: { status: 422, code: "unprocessable" },
  already_voided: { status: 422, code: "unprocessable" },
  not_permitted: { status: 403, code: "forbidden" },
  already_recorded: { status: 409, code: "conflict" },
};

/** The HTTP error a domain refusal becomes at the edge. */
export function refusalError(refusal: Refusal): HttpError {
  const { status, code } = HTTP_STATUS[refusal.reason];
  return new HttpError(status, code, refusal.message, refusal.details.length > 0 ? refusal.details : undefined);
}

/** Unwraps a decision, turning a refusal into the HTTP error that says which rule and where. */
export function orRefuse<T>(decision: Decision<T>): T {
  if (decision.ok) return decision.value;
  throw refusalError(decision);
}

/**
 * The store's refusals a client can act on, in HTTP terms; anything else stays what it was (a 500).
 * A batch over the bytes one append may carry (MAX_BATCH_BYTES, the same on both stores) is the
 * client's to split; an append whose outcome the store could not confirm is the client's to resend
 * unchanged, which the submissionId makes safe.
 */
export function storeRefusal(error: unknown): unknown {
  if (isEventStoreError(error, "BATCH_TOO_LARGE")) {
    return new HttpError(
      413,
      "batch_too_large",
      `the submission's events would be over ${MAX_BATCH_BYTES} bytes together, the most one write stores; split it into smaller submissions`,
      [
        {
          path: "distributions",
          message: "too many bytes for one submission: send fewer distributions per submission",
        },
      ],
    );
  }
  if (isEventStoreError(error, "OUTCOME_UNKNOWN")) {
    return new HttpError(503, "outcome_unknown", "the ledger could not confirm the write; send the same request again");
  }
  return error;
}

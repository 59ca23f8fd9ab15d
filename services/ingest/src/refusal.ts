import type { Decision } from "@relief-ledger/domain";
import { HttpError } from "@relief-ledger/http";

const ERROR_CODES = { 403: "forbidden", 409: "conflict", 422: "unprocessable" } as const;

/** Unwraps a decision, turning a refusal into the HTTP error that says which rule and where. */
export function orRefuse<T>(decision: Decision<T>): T {
  if (decision.ok) return decision.value;
  throw new HttpError(
    decision.status,
    ERROR_CODES[decision.status],
    decision.message,
    decision.details.length > 0 ? decision.details : undefined,
  );
}

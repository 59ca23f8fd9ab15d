import { problemOfText } from "@relief-ledger/domain/browser";

/**
 * How a POST to the ingest API ended: its status (201 recorded; 0 when the ledger could not be
 * reached) and, for a refusal, the field problem the API named, if it named one it knows.
 */
export interface Posted {
  status: number;
  problem?: ReturnType<typeof problemOfText>;
}

/**
 * POSTs `body` as JSON to the ingest API through this origin (the session cookie is the key).
 * A refusal is read for its problem code only: the API's English text is never shown.
 */
export async function postToIngest(path: string, body: unknown): Promise<Posted> {
  const response = await fetch(`/api/ingest${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch(() => undefined);
  if (!response) return { status: 0 };
  if (response.status === 201) return { status: 201 };
  const answer = (await response.json().catch(() => ({}))) as { details?: { message?: string }[] };
  return { status: response.status, problem: problemOfText(answer.details?.[0]?.message ?? "") };
}

/**
 * The words (an i18n key) for a POST that was not recorded: the field problem the API named,
 * "unreachable", "forbidden" for the `forbidden` statuses, and otherwise the page's own `failed`.
 */
export function refusalKey(posted: Posted, failed: string, forbidden: readonly number[] = [403]): string {
  if (posted.status === 0) return "status.unreachable";
  if (posted.problem) return `problem.${posted.problem}`;
  return forbidden.includes(posted.status) ? "status.forbidden" : failed;
}

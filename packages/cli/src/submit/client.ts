import type { ServerDetail } from "./rows.js";

export interface Recorded {
  firstPosition: string;
  lastPosition: string;
  count: number;
  replayed: boolean;
}

export type PostOutcome =
  | { kind: "recorded"; recorded: Recorded }
  | { kind: "refused"; status: number; error: string; message: string; details: ServerDetail[] }
  | { kind: "unavailable"; reason: string };

export interface ClientOptions {
  /** The ingest service's base URL. */
  url: string;
  token: string;
  /** Waits before each retry; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (reason: string, waitMs: number, attempt: number) => void;
}

export const DEFAULT_RETRIES = 4;

/** 1 s, 3 s, 10 s, 30 s, then a minute apart: enough for a mobile connection to come back. */
export const retryDelays = (retries: number): number[] =>
  Array.from({ length: retries }, (_, i) => [1_000, 3_000, 10_000, 30_000][i] ?? 60_000);
const MAX_RETRY_AFTER_MS = 120_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Worth retrying: the request may not have arrived, or the server asks to come back later. */
const isTransient = (status: number) => status === 408 || status === 429 || status >= 500;

const isRecorded = (body: unknown): body is Recorded => {
  const b = body as Partial<Recorded> | null;
  return (
    typeof b?.firstPosition === "string" &&
    typeof b.lastPosition === "string" &&
    typeof b.count === "number" &&
    typeof b.replayed === "boolean"
  );
};

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : undefined;
}

async function refusal(response: Response): Promise<PostOutcome> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: unknown; message?: unknown; details?: unknown } | undefined;
  return {
    kind: "refused",
    status: response.status,
    error: typeof body?.error === "string" ? body.error : `http_${response.status}`,
    message: typeof body?.message === "string" ? body.message : `the ingest service answered ${response.status}`,
    details: Array.isArray(body?.details) ? (body.details as ServerDetail[]) : [],
  };
}

/** Why a request failed on the way: the error code only, never a message that might quote a URL or body. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === "string") return `network error ${cause.code}`;
  if ((error as Error).name === "TimeoutError") return "no answer in time";
  return "network error";
}

/**
 * Posts one chunk as CSV. Network errors, 408, 429 and 5xx are retried with back-off: the ledger
 * is idempotent per submissionId, so sending the same chunk again can never record it twice.
 */
export async function postChunk(
  options: ClientOptions,
  ids: { submissionId: string; cboId: string },
  csv: string,
): Promise<PostOutcome> {
  const url = new URL("v1/submissions/csv", options.url.endsWith("/") ? options.url : `${options.url}/`);
  url.search = new URLSearchParams(ids).toString();
  const delays = options.retryDelaysMs ?? retryDelays(DEFAULT_RETRIES);
  for (let attempt = 0; ; attempt++) {
    let reason: string;
    let wait = delays[attempt];
    try {
      const response = await (options.fetch ?? fetch)(url, {
        method: "POST",
        headers: { "content-type": "text/csv", authorization: `Bearer ${options.token}` },
        body: csv,
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
      });
      if (response.ok) {
        const body: unknown = await response.json().catch(() => undefined);
        if (isRecorded(body)) return { kind: "recorded", recorded: body };
        reason = "an answer the CLI does not understand";
      } else if (isTransient(response.status)) {
        reason = response.status === 429 ? "rate limited (429)" : `server error ${response.status}`;
        const asked = retryAfterMs(response);
        if (wait !== undefined && asked !== undefined) wait = Math.max(wait, asked);
        await response.body?.cancel();
      } else {
        return await refusal(response);
      }
    } catch (error) {
      reason = networkReason(error);
    }
    if (wait === undefined) return { kind: "unavailable", reason };
    options.onRetry?.(reason, wait, attempt + 2);
    await (options.sleep ?? sleep)(wait);
  }
}

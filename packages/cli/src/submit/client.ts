import { RecordedSchema, type Recorded } from "@relief-ledger/domain";
import type { ServerDetail } from "./rows.js";

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

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : undefined;
}

/** Why a request failed on the way: the error code only, never a message that might quote a URL or body. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === "string") return `network error ${cause.code}`;
  if ((error as Error).name === "TimeoutError") return "no answer in time";
  return "network error";
}

export interface IngestRequest {
  method: "POST" | "PUT";
  /** From the base URL, without a leading slash: `v1/submissions/csv`. */
  path: string;
  query?: Record<string, string>;
  contentType: string;
  body: string;
}

/** The ingest service's answer (its JSON body, if any), or why none came after every retry. */
export type IngestAnswer =
  { kind: "answered"; status: number; body: unknown } | { kind: "unavailable"; reason: string; attempts: number };

/**
 * The one client of the ingest API (the CLI's submit, the demo loader). Network errors, 408, 429
 * and 5xx are retried with back-off, honouring Retry-After: every write the ledger takes is
 * idempotent by its id and content, so sending it again can never record it twice. A 2xx whose
 * body `understood` rejects is retried too: it may be a proxy's page, not the ledger's answer.
 */
export async function sendToIngest(
  options: ClientOptions,
  request: IngestRequest,
  understood: (body: unknown) => boolean = () => true,
): Promise<IngestAnswer> {
  const url = new URL(request.path, options.url.endsWith("/") ? options.url : `${options.url}/`);
  if (request.query) url.search = new URLSearchParams(request.query).toString();
  const delays = options.retryDelaysMs ?? retryDelays(DEFAULT_RETRIES);
  for (let attempt = 0; ; attempt++) {
    let reason: string;
    let wait = delays[attempt];
    try {
      const response = await (options.fetch ?? fetch)(url, {
        method: request.method,
        headers: { "content-type": request.contentType, authorization: `Bearer ${options.token}` },
        body: request.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
      });
      if (!isTransient(response.status)) {
        const body: unknown = await response.json().catch(() => undefined);
        if (!response.ok || understood(body)) return { kind: "answered", status: response.status, body };
        reason = "an answer the CLI does not understand";
      } else {
        reason = response.status === 429 ? "rate limited (429)" : `server error ${response.status}`;
        const asked = retryAfterMs(response);
        if (wait !== undefined && asked !== undefined) wait = Math.max(wait, asked);
        await response.body?.cancel();
      }
    } catch (error) {
      reason = networkReason(error);
    }
    if (wait === undefined) return { kind: "unavailable", reason, attempts: attempt + 1 };
    options.onRetry?.(reason, wait, attempt + 2);
    await (options.sleep ?? sleep)(wait);
  }
}

const isRecorded = (body: unknown): body is Recorded => RecordedSchema.safeParse(body).success;

function refusal(status: number, answer: unknown): PostOutcome {
  const body = answer as { error?: unknown; message?: unknown; details?: unknown } | undefined;
  return {
    kind: "refused",
    status,
    error: typeof body?.error === "string" ? body.error : `http_${status}`,
    message: typeof body?.message === "string" ? body.message : `the ingest service answered ${status}`,
    details: Array.isArray(body?.details) ? (body.details as ServerDetail[]) : [],
  };
}

/** Posts one chunk as CSV, retrying what is safe to retry (see sendToIngest). */
export async function postChunk(
  options: ClientOptions,
  ids: { submissionId: string; cboId: string },
  csv: string,
): Promise<PostOutcome> {
  const request = {
    method: "POST",
    path: "v1/submissions/csv",
    query: ids,
    contentType: "text/csv",
    body: csv,
  } as const;
  const answer = await sendToIngest(options, request, isRecorded);
  if (answer.kind === "unavailable") return { kind: "unavailable", reason: answer.reason };
  return isRecorded(answer.body) && answer.status < 300
    ? { kind: "recorded", recorded: answer.body }
    : refusal(answer.status, answer.body);
}

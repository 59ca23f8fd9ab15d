// A small JSON client for the ingest API that retries what is safe to retry. Every write the
// loader makes is idempotent (a submission by submissionId and content, a registration or fund by
// its id and content, a void by its distribution), so a retry after a lost reply changes nothing.

export interface ClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Waits before each retry; the number of entries is the number of retries. */
  retryDelaysMs?: readonly number[];
  /** A request taking longer than this is abandoned and retried. */
  timeoutMs?: number;
  onRetry?: (reason: string) => void;
}

export const DEFAULT_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000] as const;

export interface Reply {
  status: number;
  body: unknown;
}

/** A refusal the API gave: its status, error code, message and field details (never values). */
export class RefusedError extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${what} was refused: ${status} ${describe(body)}`);
    this.name = "RefusedError";
  }
}

function describe(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const { error, message, details } = body as { error?: unknown; message?: unknown; details?: unknown };
  const lines = Array.isArray(details)
    ? details.slice(0, 10).map((d: { path?: unknown; row?: unknown; column?: unknown; message?: unknown }) => {
        const where = d.path ?? [d.row, d.column].filter((x) => x !== undefined).join(":");
        return `${String(where)}: ${String(d.message)}`;
      })
    : [];
  return [`${String(error)}: ${String(message)}`, ...lines].join("; ");
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : 0;
}

const networkReason = (error: unknown): string => {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if ((error as { name?: unknown }).name === "TimeoutError") return "timed out";
  return `network error ${typeof cause?.code === "string" ? cause.code : (error as Error).message}`;
};

export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? sleepFor;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let retries = 0;

  /** Sends one request, retrying network failures, 429 and 5xx; any other answer is returned. */
  async function send(token: string, method: "POST" | "PUT", path: string, body: unknown): Promise<Reply> {
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      let wait = delays[attempt];
      try {
        const response = await doFetch(`${options.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
        });
        const text = await response.text();
        if (response.status !== 429 && response.status < 500) {
          return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
        }
        reason = response.status === 429 ? "rate limited (429)" : `server error ${response.status}`;
        if (wait !== undefined) wait = Math.max(wait, retryAfterMs(response));
      } catch (error) {
        reason = networkReason(error);
      }
      if (wait === undefined) throw new Error(`${method} ${path}: gave up after ${attempt + 1} attempts (${reason})`);
      retries++;
      options.onRetry?.(reason);
      await sleep(wait);
    }
  }

  return { send, retries: () => retries };
}

export type Client = ReturnType<typeof createClient>;

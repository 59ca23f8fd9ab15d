// The loader's view of the ingest API: the CLI's one retrying client (sendToIngest), sending JSON.
// Every write the loader makes is idempotent (a submission by submissionId and content, a
// registration or fund by its id and content, a void by its distribution), so a retry after a
// lost reply changes nothing.
import { sendToIngest, type IngestClientOptions } from "@relief-ledger/cli";

export type ClientOptions = Omit<IngestClientOptions, "url" | "token" | "onRetry"> & {
  baseUrl: string;
  onRetry?: (reason: string) => void;
};

/** Quicker than the CLI's (which waits for a mobile connection): the loader talks to a local service. */
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
    ? details.slice(0, 10).map((d: { path?: string; row?: number; column?: string; message?: string }) => {
        const where = d.path ?? [d.row, d.column].filter((x) => x !== undefined).join(":");
        return `${where}: ${d.message}`;
      })
    : [];
  return [`${String(error)}: ${String(message)}`, ...lines].join("; ");
}

export function createClient({ baseUrl, onRetry, retryDelaysMs, ...options }: ClientOptions) {
  let retries = 0;

  /** Sends one request, retrying what is safe to retry; any other answer is returned. */
  async function send(token: string, method: "POST" | "PUT", path: string, body: unknown): Promise<Reply> {
    const answer = await sendToIngest(
      {
        ...options,
        url: baseUrl,
        token,
        retryDelaysMs: retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
        onRetry: (reason) => {
          retries++;
          onRetry?.(reason);
        },
      },
      { method, path: path.replace(/^\//, ""), contentType: "application/json", body: JSON.stringify(body) },
    );
    if (answer.kind === "unavailable")
      throw new Error(`${method} ${path}: gave up after ${answer.attempts} attempts (${answer.reason})`);
    return { status: answer.status, body: answer.body };
  }

  return { send, retries: () => retries };
}

export type Client = ReturnType<typeof createClient>;

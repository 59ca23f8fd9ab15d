import { v7 as uuidv7 } from "uuid";
import { saveReceipt, saveSendState, type PartState, type Receipt, type SendState } from "./progress-store.js";

// Sends a checked file as submissions of PART_ROWS rows, in order, each with the submissionId and
// distributionIds fixed before the first byte is sent: a part sent again (a retry, a reload, a
// lost answer) is the same submission, which the ledger records once and then answers `replayed`.

/**
 * Rows per submission: well under the ledger's 1,000, so one request (about 120 kB) gets through
 * a weak mobile connection and a lost one costs little to send again.
 */
export const PART_ROWS = 500;

/** Waits before sending again after a dropped connection or a busy ledger: 1 s, 2 s, 4 s … at most 10 s. */
export const retryDelayMs = (attempt: number): number => Math.min(10_000, 1000 * 2 ** Math.max(0, attempt - 1));

export function planParts(rowCount: number): PartState[] {
  const parts: PartState[] = [];
  for (let from = 0; from < rowCount; from += PART_ROWS)
    parts.push({ submissionId: uuidv7(), from, to: Math.min(rowCount, from + PART_ROWS), status: "waiting" });
  return parts;
}

export const newDistributionId = (): string => uuidv7();

export interface ServerDetail {
  path?: string;
  message?: string;
}

export type PartOutcome =
  | { kind: "recorded"; count: number; firstPosition: string; lastPosition: string; replayed: boolean }
  | { kind: "refused"; status: number; details: ServerDetail[] }
  | { kind: "retry"; why: "offline" | "busy" };

/** One attempt at one part; a dropped connection or a busy or absent ledger is worth another try. */
export async function postPart(body: unknown): Promise<PartOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/ingest/v1/submissions", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return { kind: "retry", why: "offline" };
  }
  if (response.status === 429 || response.status >= 500) return { kind: "retry", why: "busy" };
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 201)
    return { kind: "recorded", ...(answer as Omit<PartOutcome & { kind: "recorded" }, "kind">) };
  const details = Array.isArray(answer.details) ? (answer.details as ServerDetail[]) : [];
  return { kind: "refused", status: response.status, details };
}

export interface SendProgress {
  rowsRecorded: number;
  part: number;
  parts: number;
  /** Seconds until the next try, while waiting after a dropped connection. */
  retryIn?: number;
}

export interface SendJob {
  state: SendState;
  /** The JSON record of each filled row, in order. */
  distributions: Record<string, unknown>[];
  /** The spreadsheet row of each filled row, in order. */
  rowNumbers: number[];
  fileName: string;
  /** Keeps the ids and progress for a reload (the file's: saveSendState; rows typed by hand have nothing to match again). */
  keep?: (state: SendState) => void;
  onProgress(progress: SendProgress): void;
  /** Stops between tries when the page is left. */
  cancelled(): boolean;
  sleep?: (ms: number) => Promise<void>;
}

export type SendResult =
  | { kind: "done"; receipts: Receipt[] }
  | { kind: "refused"; part: PartState; status: number; details: ServerDetail[] }
  | { kind: "cancelled" };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function sendParts(job: SendJob): Promise<SendResult> {
  const { state, distributions } = job;
  const sleep = job.sleep ?? wait;
  const keep = job.keep ?? saveSendState;
  const receipts: Receipt[] = [];
  const recordedRows = () =>
    state.parts.filter((p) => p.status === "recorded").reduce((sum, p) => sum + (p.to - p.from), 0);
  for (const [index, part] of state.parts.entries()) {
    if (part.status === "recorded") continue;
    // Marked before it is sent: after a reload, a part that may have been recorded is sent
    // again with the same ids, never with new ones.
    part.status = "sending";
    keep(state);
    const body = {
      submissionId: part.submissionId,
      cboId: state.cboId,
      distributions: distributions.slice(part.from, part.to),
    };
    for (let attempt = 1; ; attempt++) {
      if (job.cancelled()) return { kind: "cancelled" };
      job.onProgress({ rowsRecorded: recordedRows(), part: index + 1, parts: state.parts.length });
      const outcome = await postPart(body);
      if (outcome.kind === "refused")
        return { kind: "refused", part, status: outcome.status, details: outcome.details };
      if (outcome.kind === "recorded") {
        part.status = "recorded";
        keep(state);
        const receipt: Receipt = {
          submissionId: part.submissionId,
          cboId: state.cboId,
          count: outcome.count,
          valuePaise: body.distributions.reduce((sum, d) => sum + (d.valuePaise as number), 0),
          firstPosition: outcome.firstPosition,
          lastPosition: outcome.lastPosition,
          replayed: outcome.replayed,
          recordedAt: new Date().toISOString(),
          firstRow: job.rowNumbers[part.from]!,
          lastRow: job.rowNumbers[part.to - 1]!,
          fileName: job.fileName,
        };
        saveReceipt(receipt);
        receipts.push(receipt);
        break;
      }
      const delay = retryDelayMs(attempt);
      for (let left = Math.ceil(delay / 1000); left > 0; left--) {
        if (job.cancelled()) return { kind: "cancelled" };
        job.onProgress({ rowsRecorded: recordedRows(), part: index + 1, parts: state.parts.length, retryIn: left });
        await sleep(Math.min(1000, delay));
      }
    }
  }
  job.onProgress({ rowsRecorded: recordedRows(), part: state.parts.length, parts: state.parts.length });
  return { kind: "done", receipts };
}

import type { ReplayPoint } from "@relief-ledger/replay";

/** What the replay thread is given: the store to read, the point, and the directory it writes in. */
export interface ReplayThreadData {
  store: string;
  point: ReplayPoint;
  dir: string;
}

/** What a replay says of the log once done: enough for a list, the rest is in report.json. */
export interface ReplaySummary {
  events: number;
  lastPosition: string | null;
  lastRecordedAt: string | null;
  rootHash: string;
  /** null when no head was signed within the replayed events. */
  signedHeadMatches: boolean | null;
}

export type ReplayPhase = "scanning" | "replaying";

/** Messages from the replay thread, in order: progress any number of times, then done or failed. */
export type FromReplay =
  | { type: "progress"; phase: ReplayPhase; events: number; total: number | null }
  | { type: "done"; summary: ReplaySummary; files: string[] }
  /** `reason` names ids and sizes only (the audit package's refusals); a driver's message is never passed on. */
  | { type: "failed"; reason: string };

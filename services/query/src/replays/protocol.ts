import type { ReplayPoint } from "@relief-ledger/replay";

/**
 * The replay process's V8 old generation by default, in MiB (`LEDGER_REPLAY_HEAP_MIB`): about three
 * times the whole process's peak RSS replaying 1,000,000 events (325 MiB, docs/benchmarks.md), which
 * bounds what that replay's heap can need; decision 0055. Here, not in replays.ts, so that the
 * config (and the image's health probe, which reads it) loads no replay code.
 */
export const REPLAY_HEAP_MIB = 1024;

/** What the replay process is given: the store to read, the point, and the directory it writes in. */
export interface ReplayJob {
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

/** Messages from the replay process, in order: progress any number of times, then done or failed. */
export type FromReplay =
  | { type: "progress"; phase: ReplayPhase; events: number; total: number | null }
  | { type: "done"; summary: ReplaySummary; files: string[] }
  /** `reason` names ids and sizes only (the audit package's refusals); a driver's message is never passed on. */
  | { type: "failed"; reason: string };

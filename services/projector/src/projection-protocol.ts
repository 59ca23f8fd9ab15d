import type { ProjectorConfig } from "./config.js";

/** What the projection thread is started with. */
export interface ProjectionThreadData {
  config: ProjectorConfig;
  shared: {
    /** Int32 slots, indexed by BATCH_IN_PROGRESS, BATCHES_STARTED, LAG_EVENTS and LAG_COUNTED. */
    state: SharedArrayBuffer;
  };
}

/** 1 while a batch's transaction is open in the projection thread, 0 between batches. */
export const BATCH_IN_PROGRESS = 0;
/**
 * Counts batches as they start, before anything of theirs can be read: a reader that sees a
 * batch's rows can wait for that batch's "batch" message (see ProjectionThread.batchesHandled).
 */
export const BATCHES_STARTED = 1;
/**
 * Events in the log after the checkpoint, counted up to LAG_COUNT_LIMIT by the projection thread
 * after its batches, so that /health and /metrics read a number instead of counting.
 */
export const LAG_EVENTS = 2;
/** 1 once LAG_EVENTS holds a count (0 before the thread's first). */
export const LAG_COUNTED = 3;
/** How many slots the state holds: one past the last above. */
export const STATE_SLOTS = LAG_COUNTED + 1;

/**
 * How far the lag is counted. Counting is one indexed query on SQLite but a read of the events on
 * EventStoreDB, so it stops here; beyond it the lag shows as this number.
 */
export const LAG_COUNT_LIMIT = 100_000;
/** The projection thread counts the lag at most this often, however short its batches. */
export const LAG_COUNT_INTERVAL_MS = 250;

export type ToProjection = { type: "stop" };

export type FromProjection =
  | { type: "opened" }
  | { type: "batch"; events: number }
  | { type: "live" }
  | { type: "failed"; error: unknown }
  | { type: "stopped" };

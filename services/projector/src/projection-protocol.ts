import type { ProjectorConfig } from "./config.js";

/** What the projection thread is started with. */
export interface ProjectionThreadData {
  config: ProjectorConfig;
  shared: {
    /** Int32 slots, indexed by BATCH_IN_PROGRESS and BATCHES_STARTED. */
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
export const STATE_SLOTS = 2;

export type ToProjection = { type: "stop" };

export type FromProjection =
  | { type: "opened" }
  | { type: "batch"; events: number }
  | { type: "live" }
  | { type: "failed"; error: unknown }
  | { type: "stopped" };

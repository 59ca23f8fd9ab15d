import { Worker } from "node:worker_threads";
import type { ProjectorConfig } from "./config.js";
import {
  BATCH_IN_PROGRESS,
  BATCHES_STARTED,
  LAG_COUNTED,
  LAG_EVENTS,
  STATE_SLOTS,
  type FromProjection,
  type ProjectionThreadData,
  type ToProjection,
} from "./projection-protocol.js";

export interface ProjectionThread {
  /** Resolves once the read-model file is open and migrated (rejects if it could not be). */
  opened: Promise<void>;
  /** Resolves once the read models have caught up with the log, or on stop(); rejects if projecting failed first. */
  live: Promise<void>;
  /** Settles when projecting ends: resolves after stop(), rejects if projecting failed. */
  done: Promise<void>;
  /** True while the projection thread holds a batch's transaction open. */
  batchInProgress(): boolean;
  /**
   * Events after the checkpoint as the projection thread last counted them (after a batch, at most
   * every LAG_COUNT_INTERVAL_MS), up to LAG_COUNT_LIMIT; undefined before its first count.
   */
  lagEvents(): number | undefined;
  /**
   * Resolves once this thread has handled the "batch" message of every batch started so far (or
   * projecting ended): whatever a reader saw in the read models has reached onBatch by then.
   */
  batchesHandled(): Promise<void>;
  /**
   * Asks the thread to finish its batch and close; after `graceMs` it is terminated instead, which
   * loses only the uncommitted batch, as a crash would (the checkpoint commits with the rows).
   */
  stop(graceMs?: number): Promise<void>;
}

/** How long stop() lets a batch finish: a batch on a busy machine may take seconds, a SIGTERM should not. */
export const STOP_GRACE_MS = 2_000;

/**
 * The worker's entry: its build next to this file's, or when running from source (tests, tsx)
 * the TypeScript file, through source-worker.mjs, which registers tsx in the new thread first.
 */
function workerEntry(): { url: URL; argv: string[] } {
  const self = import.meta.url;
  if (!self.endsWith(".ts")) return { url: new URL("./projection-worker.js", self), argv: [] };
  return { url: new URL("./source-worker.mjs", self), argv: [new URL("./projection-worker.ts", self).href] };
}

/** Starts the projection thread (projection-worker.ts) over this service's store and read models. */
export function startProjectionThread(
  config: ProjectorConfig,
  handlers: { onBatch: (events: number) => void },
): ProjectionThread {
  const shared = {
    state: new SharedArrayBuffer(STATE_SLOTS * Int32Array.BYTES_PER_ELEMENT),
  };
  const state = new Int32Array(shared.state);
  const workerData: ProjectionThreadData = { config, shared };
  const { url, argv } = workerEntry();
  // From source, workspace packages resolve to their sources as in the parent (see vitest.config.ts).
  const execArgv = argv.length > 0 ? ["--conditions=@relief-ledger/source"] : [];
  // A second V8 heap in the process: capped, so that it collects rather than grows (issue 12's
  // < 300 MB for the whole service). Typed arrays and SQLite's own memory are outside the cap.
  const resourceLimits = { maxOldGenerationSizeMb: config.heapMiB, maxYoungGenerationSizeMb: 16 };
  const worker = new Worker(url, { workerData, argv, execArgv, resourceLimits });

  let resolveOpened!: () => void;
  let resolveLive!: () => void;
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  let failed: ((error: unknown) => void)[] = [];
  const opened = new Promise<void>((resolve, reject) => ((resolveOpened = resolve), failed.push(reject)));
  const live = new Promise<void>((resolve, reject) => ((resolveLive = resolve), failed.push(reject)));
  const done = new Promise<void>((resolve, reject) => ((settle = { resolve, reject }), failed.push(reject)));
  for (const promise of [opened, live, done]) promise.catch(() => undefined);
  let handled = 0;
  let ended = false;
  let waiting: { upTo: number; resolve: () => void }[] = [];
  const wake = () => {
    const ready = waiting.filter((waiter) => ended || handled >= waiter.upTo);
    waiting = waiting.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  };
  const fail = (error: unknown) => {
    for (const reject of failed) reject(error);
    failed = [];
    ended = true;
    wake();
  };

  worker.on("message", (message: FromProjection) => {
    switch (message.type) {
      case "opened":
        return resolveOpened();
      case "batch":
        handled++;
        handlers.onBatch(message.events);
        return wake();
      case "live":
        return resolveLive();
      case "failed":
        return fail(message.error);
      case "stopped":
        ended = true;
        wake();
        resolveLive();
        return settle.resolve();
    }
  });
  worker.on("error", fail);
  let stopping = false;
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
  void exited.then((code) => {
    if (!stopping) return fail(new Error(`the projection thread exited (code ${code})`));
    // Ended on stop(), terminated if it had to be: not a failure.
    ended = true;
    wake();
    resolveLive();
    settle.resolve();
  });

  return {
    opened,
    live,
    done,
    batchInProgress: () => Atomics.load(state, BATCH_IN_PROGRESS) === 1,
    lagEvents: () => (Atomics.load(state, LAG_COUNTED) === 1 ? Atomics.load(state, LAG_EVENTS) : undefined),
    batchesHandled() {
      const upTo = Atomics.load(state, BATCHES_STARTED);
      if (ended || handled >= upTo) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ upTo, resolve }));
    },
    async stop(graceMs = STOP_GRACE_MS) {
      stopping = true;
      worker.postMessage({ type: "stop" } satisfies ToProjection);
      // A thread that already failed or ended has nothing to finish: the exit is all there is to wait for.
      const grace = setTimeout(() => void worker.terminate(), graceMs);
      await Promise.race([done.catch(() => undefined), exited]);
      await exited;
      clearTimeout(grace);
    },
  };
}

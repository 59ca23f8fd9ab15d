import { setImmediate as nextTurn } from "node:timers/promises";
import type { Database } from "better-sqlite3";
import type { EventStore, RecordedEvent, Subscription } from "@relief-ledger/event-store";
import { PROJECTIONS } from "../projections.js";
import { openWritable, type WritableOptions } from "./database.js";
import { createWriter, type BatchStep } from "./writer.js";

export interface ProjectorOptions {
  store: EventStore;
  /** The read-model database; created on first use. */
  file: string;
  /**
   * Events per transaction while catching up. Larger batches share one commit and one settle
   * (the attribution walks, the totals) among more events; live batches are what arrived.
   */
  batchSize?: number;
  /** How the read-model file is synced (see openWritable); a rebuild's temporary file needs none. */
  sync?: WritableOptions["sync"];
  /**
   * Called after each committed batch with the new checkpoint and how many events the batch
   * delivered (for progress and metrics: positions need not count events, see the event store).
   */
  onBatch?: (checkpoint: bigint, events: number) => void;
  /** Called before each batch's transaction opens (a projector in a thread of its own says it is busy). */
  beforeBatch?: (events: number) => void;
  /**
   * Called once with the read-model connection; the step it returns runs inside every batch's
   * transaction (see BatchStep), so what it writes never drifts from the checkpoint.
   */
  step?: (db: Database) => BatchStep;
}

export interface LiveProjector extends Subscription {
  /** Resolves once the projector has caught up with the log; rejects if it failed before. */
  readonly live: Promise<void>;
}

export interface Projector {
  /** Catches up with the head of the log as it is now, then resolves. */
  runOnce(): Promise<void>;
  /** Catches up, then stays live, applying new events as they are appended. */
  start(options?: { onLive?: () => void }): LiveProjector;
  checkpoint(): bigint;
  /** SHA-256 over every projection's tables; equal read models have equal digests. */
  digest(): string;
  digests(): Record<string, string>;
  /** Stops what start() started and closes the database. */
  close(): Promise<void>;
}

export function openProjector(options: ProjectorOptions): Projector {
  const { store, file, batchSize = 2_000, onBatch, beforeBatch, step, sync } = options;
  const db = openWritable(file, { sync });
  const writer = createWriter(db, PROJECTIONS, step?.(db));
  const running = new Set<Subscription>();
  // On SQLite every read resolves at once, so without a turn of the event loop between batches a
  // catch-up would run to the end before any timer or HTTP request (/health) got a look in.
  const apply = async (events: RecordedEvent[]) => {
    beforeBatch?.(events.length);
    writer.applyBatch(events);
    onBatch?.(writer.checkpoint(), events.length);
    await nextTurn();
  };

  let catchingUp: Promise<void> | undefined;
  const catchUp = async () => {
    for (;;) {
      const page = await store.readAll({ after: writer.checkpoint(), maxCount: batchSize });
      if (page.events.length > 0) await apply(page.events);
      if (page.isEnd) return;
    }
  };

  return {
    // Concurrent callers share one catch-up rather than reading the same pages twice.
    runOnce() {
      catchingUp ??= catchUp().finally(() => (catchingUp = undefined));
      return catchingUp;
    },
    start({ onLive } = {}) {
      let resolveLive!: () => void;
      let rejectLive!: (error: unknown) => void;
      const live = new Promise<void>((resolve, reject) => ((resolveLive = resolve), (rejectLive = reject)));
      live.catch(() => undefined);
      const subscription = store.subscribe({
        after: writer.checkpoint(),
        batchSize,
        onEvents: apply,
        onLive: () => {
          resolveLive();
          onLive?.();
        },
      });
      running.add(subscription);
      subscription.done.then(resolveLive, rejectLive).finally(() => running.delete(subscription));
      return { live, done: subscription.done, stop: () => subscription.stop() };
    },
    checkpoint: writer.checkpoint,
    digest: writer.digest,
    digests: writer.digests,
    async close() {
      await Promise.all([...running].map((subscription) => subscription.stop()));
      await catchingUp?.catch(() => undefined);
      db.close();
    },
  };
}

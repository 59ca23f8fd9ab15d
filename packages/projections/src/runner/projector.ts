import type { EventStore, RecordedEvent, Subscription } from "@relief-ledger/event-store";
import { PROJECTIONS } from "../projections.js";
import { openWritable } from "./database.js";
import { createWriter } from "./writer.js";

export interface ProjectorOptions {
  store: EventStore;
  /** The read-model database; created on first use. */
  file: string;
  /** Events per transaction. */
  batchSize?: number;
  /** Called after each committed batch with the new checkpoint (for progress and metrics). */
  onBatch?: (checkpoint: bigint) => void;
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

export function openProjector({ store, file, batchSize = 500, onBatch }: ProjectorOptions): Projector {
  const db = openWritable(file);
  const writer = createWriter(db, PROJECTIONS);
  const running = new Set<Subscription>();
  const apply = (events: RecordedEvent[]) => {
    writer.applyBatch(events);
    onBatch?.(writer.checkpoint());
  };

  let catchingUp: Promise<void> | undefined;
  const catchUp = async () => {
    for (;;) {
      const page = await store.readAll({ after: writer.checkpoint(), maxCount: batchSize });
      if (page.events.length > 0) apply(page.events);
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

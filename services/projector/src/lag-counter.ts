import { setTimeout as sleep } from "node:timers/promises";

export interface LagCounter {
  /** The checkpoint moved: count the lag after it (soon, not necessarily at once). */
  after(checkpoint: bigint): void;
  /** Resolves once no count is running; none starts after. */
  stop(): Promise<void>;
}

/**
 * Counts the events after the latest checkpoint it was given and publishes the count: one count at
 * a time, at most one every `intervalMs`, always for the newest checkpoint, so a run of short
 * batches costs a count per interval, and the last batch of a run is always counted.
 */
export function lagCounter({
  count,
  publish,
  intervalMs,
}: {
  count: (after: bigint) => Promise<number>;
  publish: (events: number) => void;
  intervalMs: number;
}): LagCounter {
  let wanted: bigint | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastStartedAt = -Infinity;

  const run = async () => {
    while (wanted !== undefined && !stopped) {
      const wait = lastStartedAt + intervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      if (stopped || wanted === undefined) break;
      const after = wanted;
      wanted = undefined;
      lastStartedAt = Date.now();
      try {
        const events = await count(after);
        if (!stopped) publish(events);
      } catch {
        // A failed count leaves the last one standing; the next batch counts again.
      }
    }
    running = undefined;
  };

  return {
    after(checkpoint) {
      if (stopped) return;
      wanted = checkpoint;
      running ??= run();
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

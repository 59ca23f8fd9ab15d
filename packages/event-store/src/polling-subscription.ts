import { setTimeout as sleep } from "node:timers/promises";
import { assertInteger, assertPosition } from "./validate.js";
import type { ReadAllPage, SubscribeOptions, Subscription } from "./types.js";
import { runningSubscription } from "./running-subscription.js";

export interface PollingSource {
  readAll(after: bigint, maxCount: number): Promise<ReadAllPage>;
  /** Resolves when new events may be there: a local append, or the poll interval elapsing. */
  waitForAppend(signal: AbortSignal): Promise<void>;
}

/**
 * A catch-up subscription over a log that can only be polled. It pages forward from the
 * checkpoint and, on reaching the end, waits for a wake-up and reads again. It never misses or
 * repeats an event because it only ever asks for positions after the last one it delivered,
 * and a log position becomes visible only once everything before it has committed.
 */
export function pollingSubscription(source: PollingSource, options: SubscribeOptions): Subscription {
  const batchSize = options.batchSize ?? 500;
  let after = options.after ?? 0n;
  assertPosition(after, "after");
  assertInteger(batchSize, "batchSize", "INVALID_COUNT", 10_000);
  const controller = new AbortController();
  let live = false;

  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      const page = await source.readAll(after, batchSize);
      if (page.events.length > 0 && !controller.signal.aborted) {
        await options.onEvents(page.events);
      }
      after = page.next;
      if (!page.isEnd) continue;
      if (!live) {
        live = true;
        options.onLive?.();
      }
      await source.waitForAppend(controller.signal);
    }
  };

  return runningSubscription(run(), controller);
}

/** Resolves after `ms`, or early when `wake` fires or the signal aborts. */
export async function sleepUntilWoken(ms: number, wake: EventTarget, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  const local = new AbortController();
  const stop = () => local.abort();
  wake.addEventListener("append", stop, { once: true });
  signal.addEventListener("abort", stop, { once: true });
  try {
    await sleep(ms, undefined, { signal: local.signal });
  } catch {
    // woken early: that is the point
  } finally {
    wake.removeEventListener("append", stop);
    signal.removeEventListener("abort", stop);
  }
}

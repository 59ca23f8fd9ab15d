import type { Subscription } from "./types.js";

/**
 * A subscription's loop as the caller holds it: `done` settles when the loop ends (rejecting with
 * a handler's error), and `stop` aborts the loop and waits for it. Both adapters run theirs so.
 */
export function runningSubscription(loop: Promise<void>, controller: AbortController): Subscription {
  // The caller observes failures through `done`; this keeps an unobserved one from crashing Node.
  loop.catch(() => undefined);
  return {
    done: loop,
    async stop() {
      controller.abort();
      await loop.catch(() => undefined);
    },
  };
}

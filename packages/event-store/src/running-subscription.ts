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

/** The subscriptions a store has handed out and not seen end, so that closing the store stops each. */
export function liveSubscriptions() {
  const live = new Set<Subscription>();
  return {
    /** Holds the subscription until it ends; returns it. */
    add(subscription: Subscription): Subscription {
      live.add(subscription);
      subscription.done.finally(() => live.delete(subscription)).catch(() => undefined);
      return subscription;
    },
    stopAll: async (): Promise<void> => {
      await Promise.all([...live].map((subscription) => subscription.stop()));
    },
  };
}

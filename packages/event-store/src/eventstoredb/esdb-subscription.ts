import { START, excludeSystemEvents, type EventStoreDBClient } from "@eventstore/db-client";
import { setTimeout as sleep } from "node:timers/promises";
import type { SubscribeOptions, Subscription } from "../types.js";
import { assertPosition } from "../validate.js";
import { isSystemEvent, toRecorded } from "./mapping.js";
import { decodePosition } from "./position.js";

/** Thrown by our own handler, so it ends the subscription instead of triggering a resubscribe. */
class HandlerFailure extends Error {
  constructor(readonly original: unknown) {
    super("subscription handler failed");
  }
}

export interface EsdbSubscriptionDeps {
  client: EventStoreDBClient;
  headPosition: () => Promise<bigint>;
  /** Called when the server connection drops; the subscription then resubscribes on its own. */
  onDrop?: (error: unknown) => void;
  maxBackoffMs?: number;
}

/**
 * A catch-up subscription to $all that resumes from the last delivered position, and after a
 * dropped connection resubscribes from there with capped exponential back-off.
 */
export function esdbSubscription(deps: EsdbSubscriptionDeps, options: SubscribeOptions): Subscription {
  let after = options.after ?? 0n;
  assertPosition(after, "after");
  const controller = new AbortController();
  let live = false;
  let current: { unsubscribe(): Promise<void> } | undefined;
  const turnLive = () => {
    if (live) return;
    live = true;
    options.onLive?.();
  };

  const consumeOnce = async (): Promise<void> => {
    const liveFrom = await deps.headPosition();
    if (after >= liveFrom) turnLive();
    const stream = deps.client.subscribeToAll({
      fromPosition: after === 0n ? START : decodePosition(after),
      filter: excludeSystemEvents(),
    });
    current = stream;
    // Only a fallback: the head may be a system event this subscription never sees.
    stream.on("caughtUp", turnLive);
    for await (const resolved of stream) {
      if (controller.signal.aborted) break;
      if (isSystemEvent(resolved.event)) continue;
      const event = toRecorded(resolved.event!);
      if (event.position <= after) continue;
      try {
        await options.onEvents([event]);
      } catch (error) {
        throw new HandlerFailure(error);
      }
      after = event.position;
      if (after >= liveFrom) turnLive();
    }
  };

  const run = async (): Promise<void> => {
    let backoffMs = 100;
    while (!controller.signal.aborted) {
      try {
        await consumeOnce();
        backoffMs = 100;
      } catch (error) {
        if (error instanceof HandlerFailure) throw error.original;
        if (controller.signal.aborted) return;
        deps.onDrop?.(error);
        await sleep(backoffMs, undefined, { signal: controller.signal }).catch(() => undefined);
        backoffMs = Math.min(backoffMs * 2, deps.maxBackoffMs ?? 5_000);
      }
    }
  };

  const done = run();
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      controller.abort();
      await current?.unsubscribe().catch(() => undefined);
      await done.catch(() => undefined);
    },
  };
}

import { START, excludeSystemEvents, type EventStoreDBClient } from "@eventstore/db-client";
import { setTimeout as sleep } from "node:timers/promises";
import type { RecordedEvent, SubscribeOptions, Subscription } from "../types.js";
import { MAX_PAGE_SIZE, assertInteger, assertPosition } from "../validate.js";
import { isOutcomeUnknown, isSystemEvent, toRecorded } from "./mapping.js";
import { decodePosition } from "./position.js";
import { runningSubscription } from "../running-subscription.js";

/** Thrown by our own handler, so it ends the subscription instead of triggering a resubscribe. */
class HandlerFailure extends Error {
  constructor(readonly original: unknown) {
    super("subscription handler failed");
  }
}

/** The server ended a subscription it should have kept open: treated like a dropped connection. */
class EndedByServer extends Error {
  constructor() {
    super("the server ended the subscription");
  }
}

export interface EsdbSubscriptionDeps {
  client: Pick<EventStoreDBClient, "subscribeToAll">;
  /** The newest ledger event's position; gives up early (with any value) once the signal aborts. */
  headPosition: (signal?: AbortSignal) => Promise<bigint>;
  /** Called when the server connection drops; the subscription then resubscribes on its own. */
  onDrop?: (error: unknown) => void;
  maxBackoffMs?: number;
}

/**
 * Worth resubscribing after: the node or the connection failed, not the request. Everything else
 * (access denied, a bad argument, an unsupported server) would fail the same way forever, so it
 * ends the subscription and rejects `done`, where /health and the projector see it.
 */
const isTransient = (error: unknown): boolean => error instanceof EndedByServer || isOutcomeUnknown(error);

/**
 * A catch-up subscription to $all that delivers ledger events in batches of up to `batchSize`,
 * resumes from the last delivered position, and after a dropped connection resubscribes from
 * there with capped exponential back-off.
 */
export function esdbSubscription(deps: EsdbSubscriptionDeps, options: SubscribeOptions): Subscription {
  let after = options.after ?? 0n;
  assertPosition(after, "after");
  const batchSize = options.batchSize ?? 500;
  assertInteger(batchSize, "batchSize", "INVALID_COUNT", MAX_PAGE_SIZE);
  const controller = new AbortController();
  const { signal } = controller;
  let live = false;
  let current: { unsubscribe(): Promise<void>; destroy(): void } | undefined;
  // stop() cancels the open gRPC call and ends the client's stream at once, so an idle
  // subscription does not wait for an event that may never come.
  signal.addEventListener(
    "abort",
    () => {
      void current?.unsubscribe().catch(() => undefined);
      current?.destroy();
    },
    { once: true },
  );
  const turnLive = () => {
    if (live || signal.aborted) return;
    live = true;
    options.onLive?.();
  };

  const consumeOnce = async (): Promise<void> => {
    // A fallback for servers that send no CaughtUp message (before 23.10): live once past the head.
    const liveFrom = await deps.headPosition(signal);
    if (signal.aborted) return;
    if (after >= liveFrom) turnLive();
    const stream = deps.client.subscribeToAll({
      fromPosition: after === 0n ? START : decodePosition(after),
      // Filters on event type `^[^$]` (client dist/utils/filter.js:27); isSystemEvent below also
      // drops ledger-typed records in $ streams.
      filter: excludeSystemEvents(),
    });
    current = stream;
    // The server sends CaughtUp in order on the same call as the events before it
    // (v24.10.0 Enumerator.AllSubscriptionFiltered.cs:190-195, Streams.Read.cs:287-288), but the
    // client raises it as an event from its Transform (dist/streams/utils/Subscription.js:48-49)
    // while the events before it may still sit in the readable buffer. So note how many records
    // had been handed over by then, and turn live only once all of those are delivered.
    let pulled = 0;
    let settled = 0;
    let liveAtPulled: number | undefined;
    stream.on("caughtUp", () => {
      liveAtPulled ??= pulled + stream.readableLength;
      if (settled >= liveAtPulled) turnLive();
    });
    try {
      const records = stream[Symbol.asyncIterator]();
      for (;;) {
        const first = await records.next();
        if (signal.aborted) return;
        if (first.done) throw new EndedByServer();
        const batch: RecordedEvent[] = [];
        const take = (resolved: (typeof first)["value"]) => {
          pulled++;
          if (isSystemEvent(resolved.event)) return;
          const event = toRecorded(resolved.event!);
          if (event.position > after && event.position > (batch.at(-1)?.position ?? 0n)) batch.push(event);
        };
        take(first.value);
        // Whatever the client already holds joins the batch; never wait for more to fill it.
        while (batch.length < batchSize && stream.readableLength > 0) {
          const more = stream.read() as (typeof first)["value"] | null;
          if (more === null) break;
          take(more);
        }
        if (batch.length > 0) {
          try {
            await options.onEvents(batch);
          } catch (error) {
            throw new HandlerFailure(error);
          }
          after = batch.at(-1)!.position;
        }
        settled = pulled;
        if (after >= liveFrom || (liveAtPulled !== undefined && settled >= liveAtPulled)) turnLive();
      }
    } finally {
      // Leaving the loop destroys only the client's Transform; the gRPC call under it stays open
      // until cancelled (Subscription.js:68-77), handler failure and stop() included.
      current = undefined;
      await stream.unsubscribe().catch(() => undefined);
      stream.destroy();
    }
  };

  const run = async (): Promise<void> => {
    let backoffMs = 100;
    while (!signal.aborted) {
      try {
        await consumeOnce();
        backoffMs = 100;
      } catch (error) {
        if (error instanceof HandlerFailure) throw error.original;
        if (signal.aborted) return;
        if (!isTransient(error)) throw error;
        deps.onDrop?.(error);
        await sleep(backoffMs, undefined, { signal }).catch(() => undefined);
        backoffMs = Math.min(backoffMs * 2, deps.maxBackoffMs ?? 5_000);
      }
    }
  };

  return runningSubscription(run(), controller);
}

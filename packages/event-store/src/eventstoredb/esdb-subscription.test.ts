import { AccessDeniedError, UnavailableError } from "@eventstore/db-client";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { RecordedEvent } from "../types.js";
import { StubSubscription, resolved } from "./esdb-stub-client.testkit.js";
import { esdbSubscription, type EsdbSubscriptionDeps } from "./esdb-subscription.js";

// Unit tests of the subscription's own logic over stubbed client streams. What a real server does
// is the contract suite's business (esdb-event-store.int.test.ts).

function stubDeps(head: () => Promise<bigint> = async () => 0n) {
  const streams: StubSubscription[] = [];
  const deps: EsdbSubscriptionDeps = {
    client: {
      subscribeToAll: () => {
        const stream = new StubSubscription();
        streams.push(stream);
        return stream;
      },
    },
    headPosition: head,
    maxBackoffMs: 10,
  };
  return { deps, streams };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe("EventStoreDB subscription logic", () => {
  it("delivers what the client already holds in batches of up to batchSize", async () => {
    const { deps, streams } = stubDeps();
    const batches: number[] = [];
    const subscription = esdbSubscription(deps, {
      batchSize: 4,
      onEvents: async (events) => {
        batches.push(events.length);
        await sleep(5);
      },
    });
    await until(() => streams.length === 1, "the subscription");
    for (let i = 1n; i <= 10n; i++) streams[0]!.write(resolved(i << 64n));
    await until(() => batches.reduce((a, b) => a + b, 0) === 10, "ten events");
    await subscription.stop();
    expect(batches.length).toBeLessThan(10);
    expect(Math.max(...batches)).toBeLessThanOrEqual(4);
  });

  it("turns live only once the events before CaughtUp are all delivered", async () => {
    // A head beyond these events, so only CaughtUp can turn it live.
    const { deps, streams } = stubDeps(async () => 100n << 64n);
    const received: RecordedEvent[] = [];
    let receivedWhenLive = -1;
    const subscription = esdbSubscription(deps, {
      batchSize: 2,
      onEvents: async (events) => {
        await sleep(10);
        received.push(...events);
      },
      onLive: () => (receivedWhenLive = received.length),
    });
    await until(() => streams.length === 1, "the subscription");
    for (let i = 1n; i <= 6n; i++) streams[0]!.write(resolved(i << 64n));
    // The client raises CaughtUp as soon as the server's message passes its Transform.
    await sleep(0);
    streams[0]!.emit("caughtUp");
    await until(() => receivedWhenLive >= 0, "live");
    await subscription.stop();
    expect(receivedWhenLive).toBe(6);
  });

  it("rejects done on a permanent error instead of resubscribing forever", async () => {
    const { deps, streams } = stubDeps();
    const subscription = esdbSubscription(deps, { onEvents: () => undefined });
    await until(() => streams.length === 1, "the subscription");
    streams[0]!.destroy(new AccessDeniedError());
    await expect(subscription.done).rejects.toBeInstanceOf(AccessDeniedError);
    expect(streams).toHaveLength(1);
  });

  it("resubscribes from the last delivered position after a dropped connection", async () => {
    const { deps, streams } = stubDeps();
    const drops: unknown[] = [];
    const received: bigint[] = [];
    const subscription = esdbSubscription(
      { ...deps, onDrop: (error) => drops.push(error) },
      { onEvents: (events) => void received.push(...events.map((e) => e.position)) },
    );
    await until(() => streams.length === 1, "the subscription");
    streams[0]!.write(resolved(1n << 64n));
    await until(() => received.length === 1, "one event");
    streams[0]!.destroy(new UnavailableError());
    await until(() => streams.length === 2, "a resubscription");
    streams[1]!.write(resolved(1n << 64n)); // the server repeats the checkpoint event: skipped
    streams[1]!.write(resolved(2n << 64n));
    await until(() => received.length === 2, "the next event");
    await subscription.stop();
    expect(received).toEqual([1n << 64n, 2n << 64n]);
    expect(drops[0]).toBeInstanceOf(UnavailableError);
  });

  it("stops at once when stop() comes while it asks for the head of an idle log", async () => {
    let resolveHead: (head: bigint) => void = () => undefined;
    const { deps, streams } = stubDeps(() => new Promise((resolve) => (resolveHead = resolve)));
    const subscription = esdbSubscription(deps, { onEvents: () => undefined });
    const stopped = subscription.stop();
    resolveHead(0n);
    await stopped;
    await expect(subscription.done).resolves.toBeUndefined();
    expect(streams).toHaveLength(0);
  });

  it("stops at once when live on an idle log, cancelling its call", async () => {
    const { deps, streams } = stubDeps();
    const subscription = esdbSubscription(deps, { onEvents: () => undefined });
    await until(() => streams.length === 1, "the subscription");
    await subscription.stop();
    expect(streams[0]!.unsubscribed).toBeGreaterThan(0);
  });

  it("cancels its gRPC call when the handler fails", async () => {
    const { deps, streams } = stubDeps();
    const subscription = esdbSubscription(deps, {
      onEvents: () => {
        throw new Error("projection failed");
      },
    });
    await until(() => streams.length === 1, "the subscription");
    streams[0]!.write(resolved(1n << 64n));
    await expect(subscription.done).rejects.toThrow("projection failed");
    expect(streams[0]!.unsubscribed).toBeGreaterThan(0);
  });
});

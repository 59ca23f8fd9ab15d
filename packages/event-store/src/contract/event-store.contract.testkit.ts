import { describe, expect, it } from "vitest";
import { isEventStoreError } from "../errors.js";
import { openEventStore } from "../open.js";
import { finished, spawnTs } from "../testing/spawn-ts.testkit.js";
import { makeEvents, uniqueStream } from "../testing/events.testkit.js";
import type { EventStore, EventToAppend, RecordedEvent } from "../types.js";
import { MAX_BATCH_BYTES } from "../validate.js";

export interface ContractTarget {
  /** What `openEventStore` takes, so a second process can open the same store. */
  location: string;
  store: EventStore;
}

const ids = (events: RecordedEvent[]) => events.map((event) => event.id);

async function readLogAfter(store: EventStore, after: bigint, maxCount: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (
    let page = await store.readAll({ after, maxCount });
    ;
    page = await store.readAll({ after: page.next, maxCount })
  ) {
    events.push(...page.events);
    if (page.isEnd) return events;
  }
}

const BATCH_SIZE = 7;

/** Collects what a subscription delivers; the handler is slow, so events queue up behind it. */
function collectSubscription(store: EventStore, after: bigint) {
  const received: RecordedEvent[] = [];
  const batchSizes: number[] = [];
  let receivedWhenLive: number | undefined;
  const subscription = store.subscribe({
    after,
    batchSize: BATCH_SIZE,
    onEvents: async (batch) => {
      batchSizes.push(batch.length);
      await new Promise((resolve) => setTimeout(resolve, 5));
      received.push(...batch);
    },
    onLive: () => (receivedWhenLive = received.length),
  });
  return {
    received,
    batchSizes,
    subscription,
    isLive: () => receivedWhenLive !== undefined,
    receivedWhenLive: () => receivedWhenLive,
  };
}

/** Appending bytes as MAX_BATCH_BYTES counts them: data + metadata + 2 per type character. */
const appendBytes = (events: EventToAppend[]) =>
  events.reduce(
    (sum, e) =>
      sum +
      Buffer.byteLength(JSON.stringify(e.data)) +
      Buffer.byteLength(JSON.stringify(e.metadata ?? {})) +
      2 * e.type.length,
    0,
  );

/** `count` events whose bytes add up to exactly `total`. */
function eventsOfTotalBytes(count: number, total: number): EventToAppend[] {
  const events = makeEvents(count);
  for (const event of events) event.data = { ...event.data, padding: "" };
  const padding = Math.floor((total - appendBytes(events)) / count);
  for (const event of events) event.data = { ...event.data, padding: "x".repeat(padding) };
  const last = events.at(-1)!;
  last.data = { ...last.data, padding: "x".repeat(padding + total - appendBytes(events)) };
  return events;
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy((error: unknown) => isEventStoreError(error) && error.code === code);
}

/** The behaviour every EventStore adapter must show; each adapter's suite calls this with a live target. */
export function eventStoreContract(target: () => ContractTarget): void {
  const store = () => target().store;

  describe("append and read a stream", () => {
    it("appends a batch atomically with revisions from 0 and increasing positions", async () => {
      const stream = uniqueStream("contract");
      const events = makeEvents(3);
      const result = await store().append(stream, events, { expectedRevision: "no_stream" });
      const stored = await store().readStream(stream);
      expect(result.nextExpectedRevision).toBe(2);
      expect(ids(stored)).toEqual(ids(events as RecordedEvent[]));
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(stored[0]!.position).toBe(result.firstPosition);
      expect(stored[2]!.position).toBe(result.lastPosition);
      expect(stored[0]!.position < stored[1]!.position && stored[1]!.position < stored[2]!.position).toBe(true);
      expect(stored[1]).toMatchObject({
        stream,
        type: "TestEvent",
        data: events[1]!.data,
        metadata: events[1]!.metadata,
      });
      expect(new Date(stored[0]!.recordedAt).toISOString()).toBe(stored[0]!.recordedAt);
    });

    it("stores each event's own metadata when events of a batch share one metadata object", async () => {
      const stream = uniqueStream("contract");
      const shared = { correlationId: "shared", principal: { role: "cbo" } };
      const metadata = [shared, shared, { correlationId: "its own" }, shared, {}];
      const events = makeEvents(5).map((event, i) => ({ ...event, metadata: metadata[i]! }));
      await store().append(stream, events, { expectedRevision: "no_stream" });
      expect((await store().readStream(stream)).map((e) => e.metadata)).toEqual(metadata);
    });

    it("reads a slice by revision and returns nothing for an unknown stream", async () => {
      const stream = uniqueStream("contract");
      await store().append(stream, makeEvents(5));
      const slice = await store().readStream(stream, { fromRevision: 2, maxCount: 2 });
      expect(slice.map((e) => e.revision)).toEqual([2, 3]);
      expect(await store().readStream(uniqueStream("missing"))).toEqual([]);
    });

    it("appends the next batch at the expected revision", async () => {
      const stream = uniqueStream("contract");
      const first = await store().append(stream, makeEvents(2), { expectedRevision: "no_stream" });
      const second = await store().append(stream, makeEvents(2), { expectedRevision: first.nextExpectedRevision });
      expect(second.nextExpectedRevision).toBe(3);
      expect(second.firstPosition > first.lastPosition).toBe(true);
      await store().append(stream, makeEvents(1), { expectedRevision: "stream_exists" });
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it("stores a 1,000-event batch whole, in order", async () => {
      const stream = uniqueStream("contract-batch");
      const events = makeEvents(1_000, { bytes: 400 });
      const result = await store().append(stream, events, { expectedRevision: "no_stream" });
      const stored = await store().readStream(stream);
      expect(result.nextExpectedRevision).toBe(999);
      expect(ids(stored)).toEqual(ids(events as RecordedEvent[]));
      expect(stored.every((e, i) => i === 0 || e.position > stored[i - 1]!.position)).toBe(true);
    });
  });

  describe("the size of one append", () => {
    it("stores a batch of exactly MAX_BATCH_BYTES, which a default server accepts", async () => {
      const stream = uniqueStream("contract-bytes");
      const events = eventsOfTotalBytes(8, MAX_BATCH_BYTES);
      expect(appendBytes(events)).toBe(MAX_BATCH_BYTES);
      await store().append(stream, events, { expectedRevision: "no_stream" });
      expect(ids(await store().readStream(stream))).toEqual(ids(events as RecordedEvent[]));
    });

    it("refuses a batch one byte over MAX_BATCH_BYTES whole, each event small, and stores none of it", async () => {
      const stream = uniqueStream("contract-bytes");
      const events = eventsOfTotalBytes(1_000, MAX_BATCH_BYTES + 1);
      await expectCode(store().append(stream, events), "BATCH_TOO_LARGE");
      expect(await store().readStream(stream)).toEqual([]);
    });
  });

  describe("optimistic concurrency", () => {
    it("refuses a stale expected revision with the port's conflict error and stores nothing", async () => {
      const stream = uniqueStream("contract");
      await store().append(stream, makeEvents(2), { expectedRevision: "no_stream" });
      const head = await store().headPosition();
      const stale = store().append(stream, makeEvents(1), { expectedRevision: 0 });
      await expect(stale).rejects.toMatchObject({ code: "WRONG_EXPECTED_REVISION", stream, expected: 0, actual: 1 });
      await expect(store().append(stream, makeEvents(1), { expectedRevision: "no_stream" })).rejects.toMatchObject({
        code: "WRONG_EXPECTED_REVISION",
        actual: 1,
      });
      expect(await store().readStream(stream)).toHaveLength(2);
      expect(await store().headPosition()).toBe(head);
    });

    it("refuses stream_exists and a numeric revision for a stream that does not exist", async () => {
      const stream = uniqueStream("contract");
      await expect(store().append(stream, makeEvents(1), { expectedRevision: "stream_exists" })).rejects.toMatchObject({
        code: "WRONG_EXPECTED_REVISION",
        actual: "no_stream",
      });
      await expectCode(store().append(stream, makeEvents(1), { expectedRevision: 0 }), "WRONG_EXPECTED_REVISION");
      expect(await store().readStream(stream)).toEqual([]);
    });

    it("treats a retry of the same batch at the same revision as already done", async () => {
      const stream = uniqueStream("contract");
      const events = makeEvents(3);
      const first = await store().append(stream, events, { expectedRevision: "no_stream" });
      const head = await store().headPosition();
      const retry = await store().append(stream, events, { expectedRevision: "no_stream" });
      expect(retry).toEqual(first);
      expect(await store().readStream(stream)).toHaveLength(3);
      expect(await store().headPosition()).toBe(head);
    });

    it.each(["any", "stream_exists"] as const)(
      "any-retry after reopen: a retry at %s from a freshly opened store is already done, even behind later appends",
      async (expectedRevision) => {
        const stream = uniqueStream("contract-retry");
        await store().append(stream, makeEvents(2), { expectedRevision: "no_stream" });
        const events = makeEvents(3);
        const first = await store().append(stream, events, { expectedRevision });
        await store().append(stream, makeEvents(1), { expectedRevision: first.nextExpectedRevision });
        const head = await store().headPosition();
        const reopened = openEventStore(target().location);
        try {
          expect(await reopened.append(stream, events, { expectedRevision })).toEqual(first);
        } finally {
          await reopened.close();
        }
        expect(ids(await store().readStream(stream))).toHaveLength(6);
        expect(await store().headPosition()).toBe(head);
      },
    );
  });

  describe("the global log", () => {
    it("pages through every event after a position, in order, to the end", async () => {
      const start = await store().headPosition();
      const streams = [uniqueStream("page-a"), uniqueStream("page-b")];
      const written: string[] = [];
      for (let i = 0; i < 6; i++) {
        const events = makeEvents(4, { from: i * 4 });
        await store().append(streams[i % 2]!, events);
        written.push(...events.map((e) => e.id));
      }
      const read = await readLogAfter(store(), start, 7);
      expect(ids(read).filter((id) => written.includes(id))).toEqual(written);
      // A page is full unless it is the last: maxCount counts the ledger's events, nothing else.
      const firstPage = await store().readAll({ after: start, maxCount: 7 });
      expect(firstPage.events).toHaveLength(7);
      const one = await store().readAll({ after: read[0]!.position, maxCount: 1 });
      expect(ids(one.events)).toEqual([read[1]!.id]);
      expect(read.every((e, i) => i === 0 || e.position > read[i - 1]!.position)).toBe(true);
      expect(read.at(-1)!.position).toBe(await store().headPosition());
    });

    it("counts the events after a position, up to a limit, without arithmetic on positions", async () => {
      const start = await store().headPosition();
      await store().append(uniqueStream("count"), makeEvents(3));
      await store().append(uniqueStream("count"), makeEvents(2));
      expect(await store().countEventsAfter(start, 100)).toBe(5);
      expect(await store().countEventsAfter(start, 3)).toBe(3);
      expect(await store().countEventsAfter(await store().headPosition(), 100)).toBe(0);
      await expectCode(store().countEventsAfter(-1n, 10), "INVALID_POSITION");
    });

    it("returns an empty last page whose next position is unchanged", async () => {
      const head = await store().headPosition();
      const page = await store().readAll({ after: head, maxCount: 10 });
      expect(page).toEqual({ events: [], next: head, isEnd: true });
    });
  });

  describe("catch-up subscriptions", () => {
    it("delivers from the start of the log, then turns live", async () => {
      const stream = uniqueStream("sub-start");
      const events = makeEvents(10);
      await store().append(stream, events);
      const { received, batchSizes, subscription, isLive, receivedWhenLive } = collectSubscription(store(), 0n);
      await until(isLive, "the subscription to turn live");
      await subscription.stop();
      expect(ids(received.filter((e) => e.stream === stream))).toEqual(ids(events as RecordedEvent[]));
      // Live only once everything up to the head it started from was delivered, in batches.
      expect(
        ids(received.slice(0, receivedWhenLive())).filter((id) => ids(events as RecordedEvent[]).includes(id)),
      ).toHaveLength(10);
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(BATCH_SIZE);
      expect(batchSizes.length).toBeLessThan(received.length);
      expect(ids(received)).toEqual(ids(await readLogAfter(store(), 0n, 1_000)).slice(0, received.length));
    });

    it("delivers only what follows a checkpoint in the middle", async () => {
      const stream = uniqueStream("sub-middle");
      await store().append(stream, makeEvents(10));
      const stored = await store().readStream(stream);
      const { received, subscription, isLive } = collectSubscription(store(), stored[3]!.position);
      await until(isLive, "the subscription to turn live");
      await subscription.stop();
      expect(received[0]!.id).toBe(stored[4]!.id);
      expect(ids(received.filter((e) => e.stream === stream))).toEqual(ids(stored.slice(4)));
    });

    it("delivers appends made after it turned live, each exactly once and in log order", async () => {
      const stream = uniqueStream("sub-live");
      const { received, subscription, isLive } = collectSubscription(store(), await store().headPosition());
      await until(isLive, "the subscription to turn live");
      const written: string[] = [];
      for (let i = 0; i < 5; i++) {
        const events = makeEvents(3, { from: i * 3 });
        await store().append(stream, events);
        written.push(...events.map((e) => e.id));
      }
      await until(() => received.filter((e) => e.stream === stream).length >= written.length, "live events");
      await subscription.stop();
      expect(ids(received.filter((e) => e.stream === stream))).toEqual(written);
      expect(new Set(ids(received)).size).toBe(received.length);
    });

    it("stops at once when stopped while starting on an idle log, and close() stops what is left", async () => {
      const idle = store().subscribe({ after: await store().headPosition(), onEvents: () => undefined });
      await idle.stop();
      await expect(idle.done).resolves.toBeUndefined();
      const second = openEventStore(target().location);
      const { subscription, isLive } = collectSubscription(second, await second.headPosition());
      await until(isLive, "the subscription to turn live");
      await second.close();
      await expect(subscription.done).resolves.toBeUndefined();
    });

    it("ends with the handler's error when the handler throws", async () => {
      await store().append(uniqueStream("sub-fail"), makeEvents(1));
      const subscription = store().subscribe({
        after: 0n,
        onEvents: () => {
          throw new Error("projection failed");
        },
      });
      await expect(subscription.done).rejects.toThrow("projection failed");
    });
  });

  describe("two writer processes at once", () => {
    it("interleave without losing, duplicating or reordering an event", { timeout: 60_000 }, async () => {
      const shared = uniqueStream("shared");
      const own = [uniqueStream("writer-a"), uniqueStream("writer-b")];
      const count = 40;
      const results = await Promise.all(
        own.map((stream) =>
          finished(
            spawnTs(new URL("./writer.child.ts", import.meta.url), [target().location, stream, shared, String(count)]),
          ),
        ),
      );
      for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
      for (const stream of own) {
        expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([...Array(count).keys()]);
      }
      const sharedEvents = await store().readStream(shared);
      expect(sharedEvents.map((e) => e.revision)).toEqual([...Array(count * 2 * 2).keys()]);
      expect(sharedEvents.every((e, i) => i === 0 || e.position > sharedEvents[i - 1]!.position)).toBe(true);
    });
  });

  describe("bad input", () => {
    it.each([
      ["an empty name", ""],
      ["a system name", "$all"],
      ["spaces", "cbo alpha"],
      ["a name over 200 characters", "a".repeat(201)],
    ])("refuses a stream with %s", async (_, stream) => {
      await expectCode(store().append(stream, makeEvents(1)), "INVALID_STREAM_NAME");
      await expectCode(store().readStream(stream), "INVALID_STREAM_NAME");
    });

    it("refuses an empty batch", async () => {
      await expectCode(store().append(uniqueStream("bad"), []), "EMPTY_BATCH");
    });

    it("refuses an event over 1 MiB and stores none of its batch", async () => {
      const stream = uniqueStream("bad");
      const events = makeEvents(2);
      events[1]!.data = { blob: "x".repeat(1024 * 1024) };
      await expectCode(store().append(stream, events), "EVENT_TOO_LARGE");
      expect(await store().readStream(stream)).toEqual([]);
    });

    it("refuses an event without a UUID id, a type or an object body", async () => {
      const stream = uniqueStream("bad");
      const [event] = makeEvents(1);
      await expectCode(store().append(stream, [{ ...event!, id: "not-a-uuid" }]), "INVALID_EVENT");
      await expectCode(store().append(stream, [{ ...event!, type: "" }]), "INVALID_EVENT");
      await expectCode(store().append(stream, [{ ...event!, data: [1, 2] as never }]), "INVALID_EVENT");
      await expectCode(store().append(stream, [event!, event!]), "INVALID_EVENT");
      expect(await store().readStream(stream)).toEqual([]);
    });

    it("refuses negative and non-integer positions, revisions and counts", async () => {
      await expectCode(store().readAll({ after: -1n }), "INVALID_POSITION");
      await expectCode(store().readAll({ after: 1.5 as never }), "INVALID_POSITION");
      await expectCode(store().readAll({ maxCount: 0.5 }), "INVALID_COUNT");
      await expectCode(store().readStream(uniqueStream("bad"), { fromRevision: -1 }), "INVALID_REVISION");
      await expectCode(
        store().append(uniqueStream("bad"), makeEvents(1), { expectedRevision: -2 }),
        "INVALID_REVISION",
      );
      expect(() => store().subscribe({ after: -5n, onEvents: () => undefined })).toThrow(/after/);
    });
  });
}

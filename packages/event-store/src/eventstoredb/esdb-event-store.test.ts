import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  UnavailableError,
  UnknownError,
  type AppendExpectedRevision,
} from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { isEventStoreError } from "../errors.js";
import { makeEvents } from "../testing/events.testkit.js";
import { StubSubscription, answers, resolved } from "./esdb-stub-client.testkit.js";
import { esdbEventStore, type EsdbClient } from "./esdb-event-store.js";

// Unit tests of the adapter's own logic over stubbed client answers: error mapping, the
// any→revision translation, the head walk. They never stand in for the contract suite.

type Stub = Partial<Record<keyof EsdbClient, (...args: never[]) => unknown>>;
const storeOver = (stub: Stub) => esdbEventStore({ dispose: async () => undefined, ...stub } as unknown as EsdbClient);

const notLeader = () =>
  new NotLeaderError({
    metadata: { getMap: () => ({ "leader-endpoint-host": "node-2", "leader-endpoint-port": "2113" }) },
  } as never);

describe("EventStoreDB adapter logic", () => {
  it("finds the newest ledger event behind more than 500 of the server's own records", async () => {
    const records = [
      resolved(1n << 64n),
      ...Array.from({ length: 1_200 }, (_, i) => resolved(BigInt(i + 2) << 64n, { stream: "$stats" })),
    ];
    const store = storeOver({
      readAll: ((options: { fromPosition: unknown; maxCount: number }) => {
        const newestFirst = [...records].reverse();
        const from = options.fromPosition;
        const start =
          from === "end"
            ? 0
            : newestFirst.findIndex((r) => r.event!.position!.commit <= (from as { commit: bigint }).commit);
        return answers(newestFirst.slice(start, start + options.maxCount));
      }) as never,
    });
    expect(await store.headPosition()).toBe(1n << 64n);
  });

  it.each([
    ["a deadline", () => new DeadlineExceededError()],
    ["a lost connection", () => new UnavailableError()],
    ["a follower that is not the leader", notLeader],
    ["a node that is not ready", () => new UnknownError(undefined, "Could not recognize Server Is Not Ready")],
  ])("turns %s during an append into OUTCOME_UNKNOWN", async (_, error) => {
    const store = storeOver({ appendToStream: async () => Promise.reject(error()) });
    await expect(store.append("ledger-1", makeEvents(1), { expectedRevision: "no_stream" })).rejects.toSatisfy(
      (thrown: unknown) => isEventStoreError(thrown, "OUTCOME_UNKNOWN"),
    );
  });

  it("turns the server's MaxAppendSize refusal into BATCH_TOO_LARGE", async () => {
    const store = storeOver({
      appendToStream: async () => Promise.reject(MaxAppendSizeExceededError.fromMaxAppendSize(512 * 1024)),
    });
    await expect(store.append("ledger-1", makeEvents(1), { expectedRevision: "no_stream" })).rejects.toSatisfy(
      (thrown: unknown) => isEventStoreError(thrown, "BATCH_TOO_LARGE") && /524288/.test(thrown.message),
    );
  });

  it("reads the batch back from the leader, and a failed read-back is OUTCOME_UNKNOWN", async () => {
    const readOptions: Array<{ requiresLeader?: boolean }> = [];
    const store = storeOver({
      appendToStream: async () => ({ success: true, nextExpectedRevision: 0n }),
      readStream: ((_: string, options: { requiresLeader?: boolean }) => {
        readOptions.push(options);
        return answers([], notLeader());
      }) as never,
    });
    await expect(store.append("ledger-1", makeEvents(1), { expectedRevision: "no_stream" })).rejects.toSatisfy(
      (thrown: unknown) => isEventStoreError(thrown, "OUTCOME_UNKNOWN"),
    );
    expect(readOptions.at(-1)?.requiresLeader).toBe(true);
  });

  it("appends at `any` as the revision just before its batch when the batch is already stored", async () => {
    const events = makeEvents(2);
    const stored = [
      resolved(3n << 64n, { id: "a0000000-0000-4000-8000-000000000000", revision: 0n }),
      resolved(4n << 64n, { id: events[0]!.id, revision: 1n }),
      resolved(5n << 64n, { id: events[1]!.id, revision: 2n }),
      resolved(6n << 64n, { id: "b0000000-0000-4000-8000-000000000000", revision: 3n }),
    ];
    const expectations: AppendExpectedRevision[] = [];
    const store = storeOver({
      readStream: ((_: string, options: { direction: string; fromRevision: bigint | string; maxCount?: number }) =>
        options.direction === "backwards"
          ? answers([...stored].reverse())
          : answers(
              stored.filter((r) => r.event!.revision >= (options.fromRevision as bigint)).slice(0, options.maxCount),
            )) as never,
      appendToStream: async (_: string, __: unknown, options: { expectedRevision: AppendExpectedRevision }) => {
        expectations.push(options.expectedRevision);
        return { success: true, nextExpectedRevision: 2n };
      },
    });
    const result = await store.append("ledger-1", events, { expectedRevision: "any" });
    expect(expectations).toEqual([0n]);
    expect(result).toEqual({ nextExpectedRevision: 2, firstPosition: 4n << 64n, lastPosition: 5n << 64n });
  });

  it("close() stops its subscriptions, which then never resubscribe", async () => {
    const streams: StubSubscription[] = [];
    const store = storeOver({
      readAll: (() => answers([])) as never,
      subscribeToAll: () => {
        const stream = new StubSubscription();
        streams.push(stream);
        return stream;
      },
    });
    const subscription = store.subscribe({ onEvents: () => undefined });
    while (streams.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await store.close();
    await expect(subscription.done).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(streams).toHaveLength(1);
    expect(streams[0]!.unsubscribed).toBeGreaterThan(0);
  });
});

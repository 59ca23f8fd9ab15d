import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventStoreContract, type ContractTarget } from "../contract/event-store.contract.testkit.js";
import { makeEvents, uniqueStream } from "../testing/events.testkit.js";
import { finished, spawnTs } from "../testing/spawn-ts.testkit.js";
import { tempDir } from "../testing/temp-dir.testkit.js";
import type { RecordedEvent } from "../types.js";
import { applyPragmas } from "./schema.js";
import { openSqliteEventStore } from "./sqlite-event-store.js";

const dir = tempDir("ledger-sqlite-contract");
const file = dir.file("events.db");
let target: ContractTarget;

beforeAll(() => {
  target = { location: `sqlite:${file}`, store: openSqliteEventStore({ file, pollIntervalMs: 20 }) };
});
afterAll(async () => {
  await target.store.close();
  dir.remove();
});

describe("sqlite adapter: the event store contract, on a real file", () => {
  eventStoreContract(() => target);
});

describe("sqlite adapter: what only SQLite promises", () => {
  it("numbers the global log 1, 2, 3… without gaps, even after refused appends", async () => {
    const stream = uniqueStream("gapless");
    await target.store.append(stream, makeEvents(2), { expectedRevision: "no_stream" });
    await expect(target.store.append(stream, makeEvents(2), { expectedRevision: "no_stream" })).rejects.toThrow();
    await target.store.append(stream, makeEvents(2), { expectedRevision: 1 });
    // The file's own positions, whatever the test run asks of the shared store.
    const dense = openSqliteEventStore({ file, positions: "dense" });
    const positions: bigint[] = [];
    for (
      let page = await dense.readAll({ maxCount: 500 });
      ;
      page = await dense.readAll({ after: page.next, maxCount: 500 })
    ) {
      positions.push(...page.events.map((e) => e.position));
      if (page.isEnd) break;
    }
    await dense.close();
    expect(dense.densePositions).toBe(true);
    expect(positions).toEqual(positions.map((_, i) => BigInt(i + 1)));
  });

  it("hands out sparse packed positions when asked, for tests: ordered, round-tripping, never dense", async () => {
    const sparse = openSqliteEventStore({ file, positions: "sparse-for-tests" });
    const stream = uniqueStream("sparse");
    const result = await sparse.append(stream, makeEvents(3), { expectedRevision: "no_stream" });
    const stored = await sparse.readStream(stream);
    expect(sparse.densePositions).toBeUndefined();
    expect(stored.map((e) => e.position)).toEqual([result.firstPosition, stored[1]!.position, result.lastPosition]);
    expect(stored[1]!.position - stored[0]!.position > 1n << 63n).toBe(true);
    const after = await sparse.readAll({ after: stored[0]!.position, maxCount: 1 });
    expect(after.events.map((e) => e.id)).toEqual([stored[1]!.id]);
    // A position between two events reads from the next one on.
    const between = await sparse.readAll({ after: stored[0]!.position + 1n, maxCount: 1 });
    expect(between.events.map((e) => e.id)).toEqual([stored[1]!.id]);
    expect(await sparse.countEventsAfter(stored[0]!.position, 10)).toBe(2);
    expect(await sparse.headPosition()).toBe(result.lastPosition);
    await sparse.close();
  });

  it("keeps the file in WAL mode, its connections at synchronous=FULL", () => {
    const db = new Database(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    applyPragmas(db, { busyTimeoutMs: 1_000 });
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(1_000);
    db.close();
  });

  it("gives a live subscription the appends another process makes", { timeout: 60_000 }, async () => {
    const own = uniqueStream("other-process");
    const received: RecordedEvent[] = [];
    let live = false;
    const subscription = target.store.subscribe({
      after: await target.store.headPosition(),
      onEvents: (batch) => void received.push(...batch),
      onLive: () => (live = true),
    });
    const child = finished(
      spawnTs(new URL("../contract/writer.child.ts", import.meta.url), [
        `sqlite:${file}`,
        own,
        uniqueStream("solo"),
        "15",
      ]),
    );
    const result = await child;
    expect(result, result.stderr).toMatchObject({ code: 0 });
    const deadline = Date.now() + 10_000;
    while (received.filter((e) => e.stream === own).length < 15 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await subscription.stop();
    expect(live).toBe(true);
    expect(received.filter((e) => e.stream === own).map((e) => e.revision)).toEqual([...Array(15).keys()]);
  });

  it("keeps every acknowledged event after closing and reopening the file", async () => {
    const stream = uniqueStream("reopen");
    const events = makeEvents(3);
    await target.store.append(stream, events);
    const reopened = openSqliteEventStore({ file });
    expect((await reopened.readStream(stream)).map((e) => e.id)).toEqual(events.map((e) => e.id));
    await reopened.close();
  });

  it("refuses to work once closed", async () => {
    const store = openSqliteEventStore({ file: dir.file("closed.db") });
    await store.close();
    await expect(store.append(uniqueStream("closed"), makeEvents(1))).rejects.toMatchObject({ code: "STORE_CLOSED" });
  });
});

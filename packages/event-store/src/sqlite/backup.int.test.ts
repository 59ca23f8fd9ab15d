import { existsSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { finished, makeEvents, spawnTs, tempDir, uniqueStream } from "../testing/index.testkit.js";
import { backupSqliteEventStore, checkSnapshot } from "./backup.js";
import { openSqliteEventStore } from "./sqlite-event-store.js";

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

/** A store of three events in a fresh dir, closed: what the refusals start from. */
async function storeOfThree(): Promise<string> {
  dir = tempDir("ledger-backup-");
  const source = dir.file("events.db");
  const store = openSqliteEventStore({ file: source });
  await store.append("s-1", makeEvents(3), { expectedRevision: "no_stream" });
  await store.close();
  return source;
}

describe("backupSqliteEventStore", () => {
  it("copies the log while another process appends, as of one commit, with no gap", async () => {
    dir = tempDir("ledger-backup-");
    const source = dir.file("events.db");
    const store = openSqliteEventStore({ file: source });
    await store.append(uniqueStream("seed"), makeEvents(500, { bytes: 2_000 }), { expectedRevision: "no_stream" });
    const writer = spawnTs(new URL("../contract/writer.child.ts", import.meta.url), [
      `sqlite:${source}`,
      uniqueStream("own"),
      uniqueStream("shared"),
      "300",
    ]);
    const done = finished(writer);
    // Wait until the writer is appending, then take copies while it goes on.
    while ((await store.headPosition()) < 520n) await new Promise((resolve) => setTimeout(resolve, 10));
    const snapshots = [];
    for (let i = 0; i < 3; i++) {
      snapshots.push({ file: dir.file(`copy-${i}.db`), before: await store.headPosition() });
      const snapshot = await backupSqliteEventStore(source, snapshots.at(-1)!.file);
      expect(snapshot.position).toBeGreaterThanOrEqual(snapshots.at(-1)!.before);
      expect(snapshot.events).toBe(Number(snapshot.position));
    }
    expect((await done).code).toBe(0);
    const live = await store.readAll({ after: 0n, maxCount: 1_000 });
    for (const { file } of snapshots) {
      expect(existsSync(`${file}-wal`)).toBe(false); // one self-contained file
      const copy = openSqliteEventStore({ file });
      const page = await copy.readAll({ after: 0n, maxCount: 1_000 });
      // The copy is a prefix of the live log, event for event.
      expect(page.events.map((e) => e.id)).toEqual(live.events.slice(0, page.events.length).map((e) => e.id));
      await copy.close();
    }
    await store.close();
  }, 60_000);

  it("refuses to overwrite a destination or to copy a missing store", async () => {
    const source = await storeOfThree();
    writeFileSync(dir.file("taken.db"), "x");
    await expect(backupSqliteEventStore(source, dir.file("taken.db"))).rejects.toThrow(/exists already/);
    await expect(backupSqliteEventStore(dir.file("none.db"), dir.file("new.db"))).rejects.toThrow(/no event store/);
  });

  it("refuses a copy with a gap in its positions", async () => {
    const source = await storeOfThree();
    const copy = await backupSqliteEventStore(source, dir.file("copy.db"));
    expect(copy).toEqual({ position: 3n, events: 3 });
    const db = new Database(dir.file("copy.db"));
    db.prepare("DELETE FROM events WHERE position = 2").run();
    db.close();
    expect(() => checkSnapshot(dir.file("copy.db"))).toThrow(/gap/);
  });
});

import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readModelCache } from "./read-model-cache.js";
import type { ReadModel } from "./read-model.js";

const open: Database.Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

/** A read model with only the runner's checkpoint row, at `position`. */
function readModelAt(position: string, file = ":memory:") {
  const db = new Database(file);
  open.push(db);
  db.exec("CREATE TABLE checkpoint (id INTEGER PRIMARY KEY, position TEXT NOT NULL)");
  db.prepare("INSERT INTO checkpoint VALUES (1, ?)").run(position);
  return db;
}

/** Follows `connection.db`, counting the looks taken at it. */
function following(connection: { db: Database.Database; looks?: number }): ReadModel {
  return {
    db: () => {
      connection.looks = (connection.looks ?? 0) + 1;
      return connection.db;
    },
    close() {},
  };
}
const moveCheckpoint = (db: Database.Database, position: string) =>
  db.prepare("UPDATE checkpoint SET position = ? WHERE id = 1").run(position);

/** A compute function that counts its calls and answers with the call number. */
function counted() {
  const counter = { calls: 0, compute: () => ({ call: ++counter.calls }) };
  return counter;
}

describe("the read-model cache", () => {
  it("computes once while the checkpoint stands, and keeps the JSON to send", async () => {
    const cache = readModelCache(following({ db: readModelAt("7") }));
    const counter = counted();
    const first = await cache.read("a", counter.compute);
    expect(await cache.read("a", counter.compute)).toBe(first);
    expect(counter.calls).toBe(1);
    expect(first?.json.toString()).toBe(JSON.stringify({ call: 1 }));
    expect((await cache.read("b", counter.compute))?.value).toEqual({ call: 2 });
  });

  it("takes one look at the checkpoint for the requests waiting together, and a new one after", async () => {
    const connection = { db: readModelAt("7"), looks: 0 };
    const cache = readModelCache(following(connection));
    const counter = counted();
    const together = await Promise.all([1, 2, 3].map(() => cache.read("a", counter.compute)));
    expect(together.map((answer) => answer?.value)).toEqual([{ call: 1 }, { call: 1 }, { call: 1 }]);
    expect(connection.looks).toBe(1);
    // A request arriving after that look must not be answered from it.
    moveCheckpoint(connection.db, "8");
    expect((await cache.read("a", counter.compute))?.value).toEqual({ call: 2 });
    expect(connection.looks).toBe(2);
  });

  it("computes again once the projector has moved the checkpoint", async () => {
    const connection = { db: readModelAt("7") };
    const cache = readModelCache(following(connection));
    const counter = counted();
    await cache.read("a", counter.compute);
    moveCheckpoint(connection.db, "8");
    expect((await cache.read("a", counter.compute))?.value).toEqual({ call: 2 });
    expect((await cache.read("a", counter.compute))?.value).toEqual({ call: 2 });
  });

  it("computes again when a rebuilt read model is swapped in, even at the same checkpoint", async () => {
    const connection = { db: readModelAt("7") };
    const cache = readModelCache(following(connection));
    const counter = counted();
    await cache.read("a", counter.compute);
    connection.db = readModelAt("7");
    expect((await cache.read("a", counter.compute))?.value).toEqual({ call: 2 });
  });

  it("hands every waiting request the error when the read model cannot be read", async () => {
    const cache = readModelCache({
      db: () => {
        throw new Error("not built yet");
      },
      close() {},
    });
    const outcomes = await Promise.allSettled([1, 2].map(() => cache.read("a", counted().compute)));
    expect(outcomes.map((outcome) => outcome.status === "rejected" && (outcome.reason as Error).message)).toEqual([
      "not built yet",
      "not built yet",
    ]);
  });

  it("computes from one snapshot, the one whose checkpoint it is filed under", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ledger-query-cache-"));
    try {
      const file = join(dir, "read-model.db");
      // The projector's connection, writing a value and the checkpoint in one transaction (WAL, as it runs).
      const projector = readModelAt("7", file);
      projector.pragma("journal_mode = WAL");
      projector.exec("CREATE TABLE answer (value INTEGER); INSERT INTO answer VALUES (1)");
      const commit = (value: number, position: string) =>
        projector.transaction(() => {
          projector.prepare("UPDATE answer SET value = ?").run(value);
          moveCheckpoint(projector, position);
        })();
      const reader = new Database(file, { readonly: true });
      open.push(reader);
      const cache = readModelCache(following({ db: reader }));
      const answer = (db: Database.Database) => db.prepare<[], number>("SELECT value FROM answer").pluck().get();
      const readTwice = (db: Database.Database) => {
        const first = answer(db);
        commit(2, "8"); // lands between two reads of one answer
        return [first, answer(db)];
      };
      expect((await cache.read("a", readTwice))?.value).toEqual([1, 1]);
      expect((await cache.read("a", (db) => [answer(db), answer(db)]))?.value).toEqual([2, 2]);
    } finally {
      open.splice(0).forEach((db) => db.close());
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("caches nothing for what is not there", async () => {
    const cache = readModelCache(following({ db: readModelAt("7") }));
    let calls = 0;
    const nothing = () => {
      calls++;
      return undefined;
    };
    expect(await cache.read("missing", nothing)).toBeUndefined();
    expect(await cache.read("missing", nothing)).toBeUndefined();
    expect(calls).toBe(2);
  });

  it("drops the oldest answers to stay within its size", async () => {
    const oneAnswer = JSON.stringify({ call: 1 }).length;
    const cache = readModelCache(following({ db: readModelAt("7") }), 2 * oneAnswer);
    const counter = counted();
    await cache.read("a", counter.compute);
    await cache.read("b", counter.compute);
    await cache.read("c", counter.compute);
    expect((await cache.read("b", counter.compute))?.value).toEqual({ call: 2 });
    expect((await cache.read("a", counter.compute))?.value).toEqual({ call: 4 });
  });
});

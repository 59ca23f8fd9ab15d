import Database from "better-sqlite3";
import { tempDirForFile } from "@relief-ledger/event-store/testing";
import { describe, expect, it } from "vitest";
import { digestTableOf } from "./digest.js";
import type { DigestedTable } from "./projection.js";
import { PROJECTIONS } from "./projections.js";
import { RUNNER_SCHEMA, RUNNER_TABLES } from "./runner/schema.js";

const dir = tempDirForFile("schemas");

function withSchema<T>(name: string, schema: string, read: (db: Database.Database) => T): T {
  const db = new Database(dir.file(`${name}.db`));
  try {
    db.exec(schema);
    return read(db);
  } finally {
    db.close();
  }
}

const createdTables = (db: Database.Database) =>
  db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

const names = (tables: readonly DigestedTable[]) =>
  tables.map((table) => (typeof table === "string" ? table : table.table)).sort();

// A table a schema creates and the digest does not read could differ between two read models with
// equal digests: rebuild, replay and the crash tests would not see it.
describe("each projection's digest reads every table its schema creates", () => {
  it.each(PROJECTIONS.map((projection) => [projection.name, projection] as const))("%s", (name, projection) => {
    withSchema(name, projection.schema, (db) => expect(names(projection.tables)).toEqual(createdTables(db)));
  });

  it("runner: every table but the checkpoint, which says how far the model got, not what it holds", () => {
    withSchema("runner", RUNNER_SCHEMA, (db) =>
      expect([...names(RUNNER_TABLES), "checkpoint"].sort()).toEqual(createdTables(db)),
    );
  });
});

describe("digestTableOf: what the digest reads of a table, from the schema", () => {
  const schema = `
    CREATE TABLE keyed (b TEXT NOT NULL, a TEXT NOT NULL, n INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID;
    CREATE TABLE unkeyed (x TEXT, y TEXT);`;

  it("reads every column in declared order, rows in primary-key order (the key's own order)", () => {
    withSchema("keyed", schema, (db) =>
      expect(digestTableOf(db, "keyed")).toEqual({ table: "keyed", columns: "b, a, n", orderBy: "a, b" }),
    );
  });

  it("keeps an order the projection names", () => {
    withSchema("named", schema, (db) =>
      expect(digestTableOf(db, { table: "unkeyed", orderBy: "y, x" })).toEqual({
        table: "unkeyed",
        columns: "x, y",
        orderBy: "y, x",
      }),
    );
  });

  it("refuses a table with no key and no order, and a table no schema created", () => {
    withSchema("refused", schema, (db) => {
      expect(() => digestTableOf(db, "unkeyed")).toThrow(/no primary key/);
      expect(() => digestTableOf(db, "missing")).toThrow(/no schema created/);
    });
  });
});

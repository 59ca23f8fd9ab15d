import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "@relief-ledger/event-store/testing";
import { BulkInsert } from "./bulk.js";

const dir = tempDir("ledger-bulk");
afterAll(() => dir.remove());

describe("BulkInsert: many rows a statement", () => {
  // 15 columns: 266 rows a statement, so these counts fall short of, on and over its boundaries.
  it.each([0, 1, 265, 266, 267, 1_000])("writes %i rows in order, as many single INSERTs would", (count) => {
    const db = new Database(dir.file(`bulk-${count}.db`));
    try {
      const columns = Array.from({ length: 15 }, (_, k) => `c${k}`);
      db.exec(`CREATE TABLE t (${columns.join(", ")}); CREATE TABLE one (${columns.join(", ")})`);
      const rowOf = (r: number) => columns.map((_, k) => (k % 3 === 0 ? `r${r}-${k}` : k % 3 === 1 ? r * k : null));
      const bulk = new BulkInsert(db, "t", 15);
      const single = db.prepare(`INSERT INTO one VALUES (${columns.map(() => "?").join(", ")})`);
      for (let r = 0; r < count; r++) {
        bulk.row(...rowOf(r));
        single.run(rowOf(r));
      }
      bulk.flush();
      const all = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all();
      expect(all("t")).toEqual(all("one"));
      expect(all("t")).toHaveLength(count);
    } finally {
      db.close();
    }
  });

  it("refuses a row of the wrong width, before anything of it is written", () => {
    const db = new Database(dir.file("width.db"));
    try {
      db.exec("CREATE TABLE t (a, b)");
      const bulk = new BulkInsert(db, "t", 2);
      expect(() => bulk.row(1, 2, 3)).toThrow(/3 values for 2 columns/);
      bulk.flush();
      expect(db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

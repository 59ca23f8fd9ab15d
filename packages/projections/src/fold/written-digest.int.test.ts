import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "@relief-ledger/event-store/testing";
import { digestTables } from "../digest.js";
import { BY_POSITION, type DigestTable } from "../projection.js";
import { BulkInsert } from "./bulk.js";
import { WrittenDigest } from "./written-digest.js";

const dir = tempDir("ledger-written-digest");
afterAll(() => dir.remove());

const TABLES: readonly DigestTable[] = [
  { table: "pairs", columns: "a, b, n", orderBy: "1, 2" },
  { table: "small", columns: "k, v", orderBy: "k" },
  { table: "logged", columns: "position, note", orderBy: BY_POSITION("position") },
];
const SCHEMA = `
CREATE TABLE pairs (a TEXT NOT NULL, b TEXT NOT NULL, n INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE TABLE small (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;
CREATE TABLE logged (position TEXT PRIMARY KEY, note TEXT) WITHOUT ROWID;`;

type Rows = Record<string, unknown[][]>;

const inOrder: Rows = {
  pairs: [
    ["a", "x", 1],
    ["a", "y", null],
    ["b", "\u00e9", 2n ** 60n],
    ["b", "\uffff", -3],
    ["b", "\u{1f600}", 0], // after U+FFFF in SQLite's (code-point) order, before it in UTF-16's
  ],
  small: [
    ["k1", 1],
    ["k2", 2],
  ],
  logged: [
    ["9", 'quote " and \\ and\nnewline'],
    ["10", "later"],
  ],
};

/** Writes `rows` table by table in `order` through BulkInsert with a WrittenDigest; returns both digests. */
function write(name: string, rows: Rows, order: string[]) {
  const db = new Database(dir.file(`${name}.db`));
  try {
    db.exec(SCHEMA);
    const written = new WrittenDigest({ group: TABLES });
    for (const table of order) {
      const insert = new BulkInsert(db, table, rows[table]![0]!.length, "INSERT", written);
      for (const row of rows[table]!) insert.row(...row);
      insert.flush();
    }
    return { written: written.results().group, readBack: digestTables(db, TABLES) };
  } finally {
    db.close();
  }
}

describe("WrittenDigest: the digest of rows as they are written", () => {
  it("equals the digest read back from the file, for rows written in key order", () => {
    const { written, readBack } = write("in-order", inOrder, ["pairs", "small", "logged"]);
    expect(written).toBe(readBack);
  });

  it("keeps a table written before its turn and hashes it in the digest's order", () => {
    const { written, readBack } = write("out-of-turn", inOrder, ["small", "logged", "pairs"]);
    expect(written).toBe(readBack);
  });

  it.each([
    [
      "rows out of key order",
      {
        ...inOrder,
        small: [
          ["k2", 2],
          ["k1", 1],
        ],
      },
    ],
    [
      "rows in UTF-16 order, not SQLite's",
      {
        ...inOrder,
        pairs: [
          ["b", "\u{1f600}", 0],
          ["b", "\uffff", -3],
        ],
      },
    ],
    [
      "positions in text order, not by length",
      {
        ...inOrder,
        logged: [
          ["10", "a"],
          ["9", "b"],
        ],
      },
    ],
    ["a number SQLite may keep otherwise", { ...inOrder, small: [["k1", 1.5]] }],
    ["a lone surrogate, stored as U+FFFD", { ...inOrder, small: [["k1", "\ud800"]] }],
  ])("gives no digest (read it back) for %s", (what, rows) => {
    const { written, readBack } = write(what.replace(/\W+/g, "-"), rows, ["pairs", "small", "logged"]);
    expect(written).toBeUndefined();
    expect(readBack).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives no digest when a table was never written", () => {
    const { written } = write("missing", inOrder, ["pairs", "logged"]);
    expect(written).toBeUndefined();
  });
});

import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "@relief-ledger/event-store/testing";
import { openWritable } from "./database.js";
import { READ_MODEL_VERSION, ReadModelVersionError } from "./version.js";

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir("read-model-version")));
afterEach(() => dir.remove());

describe("the read-model layout version", () => {
  it("stamps a fresh file and opens it again", () => {
    const file = dir.file("fresh.db");
    openWritable(file).close();
    const db = openWritable(file);
    expect(db.pragma("user_version", { simple: true })).toBe(READ_MODEL_VERSION);
    db.close();
  });

  it("refuses a file written by another layout, naming the command that rebuilds it", () => {
    const file = dir.file("old.db");
    const old = new Database(file);
    old.exec("CREATE TABLE cbo_cells (cbo_id TEXT)");
    old.pragma(`user_version = ${READ_MODEL_VERSION - 1}`);
    old.close();
    expect(() => openWritable(file)).toThrow(ReadModelVersionError);
    expect(() => openWritable(file)).toThrow(/ledger projections rebuild/);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { logEvents } from "../testing/events.testkit.js";
import { openMerkleIndex } from "./merkle-index.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-merkle-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The projector's main thread opens the index read-only while its projection thread appends
// leaves to the same file. Opening compares the size in the index's state with its leaves; a
// commit landing between the two reads once made a sound index look damaged (a full-suite run of
// catch-up.int.test.ts failed on it). Here the commit is made to land exactly there.
describe("opening the Merkle index while another connection appends to it", () => {
  it("reads its state and its leaves at one point in time, and finds a sound index sound", () => {
    const file = join(dir, "index.db");
    const events = logEvents(20);
    const writer = openMerkleIndex(file);
    writer.append(events.slice(0, 10));

    const reader = new Database(file, { readonly: true, fileMustExist: true });
    const prepare = reader.prepare.bind(reader);
    let appended = false;
    // The leaf count is the second read: the other connection commits 10 more leaves just before it.
    reader.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (sql.includes("MAX(leaf_index)")) {
        const get = statement.get.bind(statement);
        statement.get = (...args: never[]) => {
          if (!appended) {
            appended = true;
            writer.append(events.slice(10));
          }
          return get(...args);
        };
      }
      return statement;
    }) as typeof reader.prepare;

    const index = openMerkleIndex(reader, { readonly: true });
    expect(appended).toBe(true);
    // The reader sees the index as it stood when it opened, or as it stands now: never half of each.
    expect([10, 20]).toContain(index.size());
    reader.close();
    writer.close();
  });
});

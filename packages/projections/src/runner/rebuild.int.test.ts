import Database from "better-sqlite3";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";
import { mixedLedger } from "../testing/scenario.testkit.js";
import { openProjector } from "./projector.js";
import { rebuild } from "./rebuild.js";

const ledgers = ledgerPerTest();

describe("rebuild", () => {
  it("builds from position 0 into a fresh file and renames it over the live one, byte-identical", async () => {
    const ledger = await ledgers.open({ batchSize: 2 });
    await ledger.append(...mixedLedger());
    await ledger.projector.runOnce();
    const live = { digest: ledger.projector.digest(), checkpoint: ledger.projector.checkpoint() };
    await ledger.projector.close();

    // Tamper with the live model: a rebuild must not carry anything over from it.
    const tampered = new Database(ledger.file);
    tampered.exec("UPDATE cbo_cells SET value_paise = value_paise + 1; DELETE FROM flags;");
    tampered.close();

    const progress: number[] = [];
    const rebuilt = await rebuild({
      store: ledger.store,
      file: ledger.file,
      batchSize: 5,
      onProgress: (events) => progress.push(events),
    });
    expect(rebuilt).toEqual(live);
    // Events read so far after each batch of 5: 5, 10, … up to every event in the log (counted by
    // the store, not read off a position: positions need not count events).
    expect(progress.at(-1)).toBe(await ledger.store.countEventsAfter(0n, Number.MAX_SAFE_INTEGER));
    expect(progress.slice(0, 2)).toEqual([5, 10]);
    expect(readdirSync(ledger.dir.path).filter((name) => name.includes("rebuild"))).toEqual([]);

    const reopened = openProjector({ store: ledger.store, file: ledger.file });
    expect(reopened.digest()).toBe(live.digest);
    expect(reopened.checkpoint()).toBe(live.checkpoint);
    await reopened.close();
  });

  it("runs the live projector's batch step too, so the fresh file holds what the step writes", async () => {
    const ledger = await ledgers.open();
    await ledger.append(...mixedLedger());
    await ledger.projector.runOnce();
    await ledger.projector.close();
    const step = (db: Database.Database) => {
      // Positions as text: opaque bigints, wider than SQLite's INTEGER on EventStoreDB.
      db.exec("CREATE TABLE IF NOT EXISTS stepped (seq INTEGER PRIMARY KEY, position TEXT)");
      const insert = db.prepare<[string]>("INSERT INTO stepped (position) VALUES (?)");
      return ({ events }: { events: readonly { position: bigint }[] }) =>
        events.forEach((e) => insert.run(String(e.position)));
    };
    const { checkpoint } = await rebuild({ store: ledger.store, file: ledger.file, batchSize: 4, step });
    const db = new Database(ledger.file, { readonly: true });
    const positions = db.prepare<[], string>("SELECT position FROM stepped ORDER BY seq").pluck().all();
    expect(positions).toHaveLength(await ledger.store.countEventsAfter(0n, 1_000_000));
    expect(positions.at(-1)).toBe(String(checkpoint));
    db.close();
  });

  it("refuses while the live file is still open, and leaves it and no temporary file behind", async () => {
    const ledger = await ledgers.open();
    await ledger.append(...mixedLedger());
    await ledger.projector.runOnce();
    const before = ledger.projector.digest();

    await expect(rebuild({ store: ledger.store, file: ledger.file })).rejects.toThrow(/still open elsewhere/);
    expect(ledger.projector.digest()).toBe(before);
    expect(readdirSync(ledger.dir.path).filter((name) => name.includes("rebuild"))).toEqual([]);
  });
});

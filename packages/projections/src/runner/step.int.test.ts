import type { Database } from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { tempDir } from "@relief-ledger/event-store/testing";
import { openReadModel } from "./database.js";
import { cbo, uid } from "../testing/events.testkit.js";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";
import { mixedLedger } from "../testing/scenario.testkit.js";
import { openProjector } from "./projector.js";

const ledgers = ledgerPerTest();

/** A step that keeps every event id it is given in a table of its own, and fails on one id. */
const recordIds = (failOn?: string) => (db: Database) => {
  // Positions as text: they are opaque bigints, wider than SQLite's INTEGER on EventStoreDB.
  db.exec(
    "CREATE TABLE IF NOT EXISTS stepped (seq INTEGER PRIMARY KEY, position TEXT, id TEXT, type TEXT, after TEXT)",
  );
  const insert = db.prepare<[string, string, string, string]>(
    "INSERT INTO stepped (position, id, type, after) VALUES (?, ?, ?, ?)",
  );
  return ({ events, after }: { events: readonly { id: string; type: string; position: bigint }[]; after: bigint }) => {
    for (const event of events) {
      insert.run(String(event.position), event.id, event.type, String(after));
      if (event.id === failOn) throw new Error("the step refuses this event");
    }
  };
};

const stepped = (file: string) => {
  const db = openReadModel(file);
  try {
    return db
      .prepare<[], { position: string; type: string; after: string }>(
        "SELECT position, type, after FROM stepped ORDER BY seq",
      )
      .all();
  } finally {
    db.close();
  }
};

describe("the projector's batch step", () => {
  it("sees every new event of each batch, of any type, with the checkpoint before the batch", async () => {
    const ledger = await ledgers.open();
    await ledger.append(...mixedLedger().slice(0, 5));
    await ledger.store.append("elsewhere", [{ id: uid(900), type: "SomethingElse", data: {} }]);
    const dir = tempDir("ledger-step");
    const projector = openProjector({ store: ledger.store, file: dir.file("m.db"), batchSize: 2, step: recordIds() });
    await projector.runOnce();
    await projector.close();
    const rows = stepped(dir.file("m.db"));
    const log = (await ledger.store.readAll()).events.map((event) => String(event.position));
    expect(rows.map((row) => row.position)).toEqual(log);
    expect(rows.map((row) => row.after)).toEqual(["0", "0", log[1], log[1], log[3], log[3]]);
    expect(rows.at(-1)?.type).toBe("SomethingElse");
    dir.remove();
  });

  it("rolls its batch back, checkpoint and read models included, when it throws", async () => {
    const ledger = await ledgers.open();
    await ledger.append(cbo("sangama-blr"), cbo("vamp-sangli"), cbo("ashodaya-mysore"));
    const { events } = await ledger.store.readAll();
    const dir = tempDir("ledger-step-fails");
    const file = dir.file("m.db");
    const projector = openProjector({ store: ledger.store, file, batchSize: 2, step: recordIds(events[2]!.id) });
    await expect(projector.runOnce()).rejects.toThrow(/refuses this event/);
    expect(projector.checkpoint()).toBe(events[1]!.position);
    await projector.close();
    expect(stepped(file).map((row) => row.position)).toEqual([
      String(events[0]!.position),
      String(events[1]!.position),
    ]);
    const db = openReadModel(file);
    expect(db.prepare("SELECT cbo_id FROM cbos ORDER BY cbo_id").all()).toHaveLength(2);
    db.close();
    dir.remove();
  });
});

describe("the projector's catch-up", () => {
  it("lets the event loop turn between batches, so timers and requests are served meanwhile", async () => {
    const ledger = await ledgers.open({ batchSize: 1 });
    await ledger.append(...mixedLedger());
    const head = await ledger.store.headPosition();
    let seenMidway: bigint | undefined;
    const caughtUp = ledger.projector.runOnce();
    // Queued before the first batch: it runs at the first turn of the loop the catch-up allows.
    setImmediate(() => (seenMidway = ledger.projector.checkpoint()));
    await caughtUp;
    expect(ledger.projector.checkpoint()).toBe(head);
    expect(seenMidway).toBeDefined();
    expect(seenMidway!).toBeLessThan(head);
  });
});

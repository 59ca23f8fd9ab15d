import { describe, expect, it } from "vitest";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { cbo, distribution, uid } from "../testing/events.testkit.js";
import { appendEvents, toAppend } from "../testing/ledger.testkit.js";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";
import { mixedLedger } from "../testing/scenario.testkit.js";
import { tempDir } from "@relief-ledger/event-store/testing";
import { openWritable } from "./database.js";
import { openProjector } from "./projector.js";
import { createWriter } from "./writer.js";
import { PROJECTIONS } from "../projections.js";

const ledgers = ledgerPerTest();

describe("the projector", () => {
  it("applies every batch with its checkpoint, ignores unknown types and records invalid events", async () => {
    const ledger = await ledgers.open({ batchSize: 2 });
    await ledger.append(cbo("sangama-blr"));
    await ledger.store.append("members-x", [{ id: uid(1), type: "MemberRegistered", data: { name: "x" } }]);
    const bad = toAppend(distribution({ id: 1, cboId: "sangama-blr", on: "2020-04-10", people: [1] }));
    await ledger.store.append("submission-bad", [{ ...bad, data: { ...bad.data, valuePaise: -5 } }]);
    const db = await ledger.project();

    const [badEvent] = await ledger.store.readStream("submission-bad");
    expect(ledger.projector.checkpoint()).toBe(badEvent!.position);
    expect(db.prepare("SELECT position, type, errors FROM rejected_events").all()).toEqual([
      {
        position: String(badEvent!.position),
        type: "DistributionRecorded",
        errors: expect.stringContaining('"path":"data.valuePaise"'),
      },
    ]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM distributions").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT cbo_id FROM cbos").all()).toEqual([{ cbo_id: "sangama-blr" }]);
  });

  it("gives the same digest whatever the batch size", async () => {
    const ledger = await ledgers.open();
    await ledger.append(...mixedLedger());
    await ledger.project();
    const expected = ledger.projector.digests();
    for (const batchSize of [1, 2, 3, 7]) {
      const dir = tempDir("ledger-batches");
      const other = openProjector({ store: ledger.store, file: dir.file("model.db"), batchSize });
      await other.runOnce();
      expect(other.digests(), `batch size ${batchSize}`).toEqual(expected);
      await other.close();
      dir.remove();
    }
  });

  it("skips events at or before its checkpoint when batches overlap", async () => {
    const ledger = await ledgers.open();
    await ledger.append(...mixedLedger());
    await ledger.project();
    const { events } = await ledger.store.readAll({ maxCount: 1_000 });
    const dir = tempDir("ledger-overlap");
    const db = openWritable(dir.file("model.db"));
    const writer = createWriter(db, PROJECTIONS);
    writer.applyBatch(events.slice(0, 6));
    writer.applyBatch(events.slice(2, 10));
    writer.applyBatch(events);
    writer.applyBatch(events.slice(4));
    expect(writer.checkpoint()).toBe(events.at(-1)!.position);
    expect(writer.digest()).toBe(ledger.projector.digest());
    db.close();
    dir.remove();
  });

  it("catches up, turns live and applies what is appended afterwards", async () => {
    const ledger = await ledgers.open({ batchSize: 3 });
    const { projector } = ledger;
    await ledger.append(...mixedLedger().slice(0, 8));
    const live = projector.start();
    await live.live;
    expect(ledger.projector.checkpoint()).toBe(await ledger.store.headPosition());
    await ledger.append(...mixedLedger().slice(8));
    const head = await ledger.store.headPosition();
    await expect.poll(() => projector.checkpoint(), { timeout: 5_000 }).toBe(head);
    await live.stop();

    const dir = tempDir("ledger-live");
    const clean = openProjector({ store: ledger.store, file: dir.file("model.db") });
    await clean.runOnce();
    expect(ledger.projector.digest()).toBe(clean.digest());
    await clean.close();
    dir.remove();
  });

  it("resumes from its checkpoint after a restart", async () => {
    const dir = tempDir("ledger-restart");
    const store = openSqliteEventStore({ file: dir.file("events.db") });
    const events = mixedLedger();
    await appendEvents(store, events.slice(0, 9));
    const first = openProjector({ store, file: dir.file("model.db") });
    await first.runOnce();
    await first.close();
    await appendEvents(store, events.slice(9));
    const second = openProjector({ store, file: dir.file("model.db") });
    await second.runOnce();
    const clean = openProjector({ store, file: dir.file("clean.db") });
    await clean.runOnce();
    expect(second.digest()).toBe(clean.digest());
    await Promise.all([second.close(), clean.close()]);
    await store.close();
    dir.remove();
  });
});

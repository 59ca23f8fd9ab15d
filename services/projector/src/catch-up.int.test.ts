import { setTimeout } from "node:timers/promises";
import { catchUpIndex, openAuditLog, openMerkleIndex, signNextHead } from "@relief-ledger/audit";
import { openProjector, openReadModel } from "@relief-ledger/projections";
import { appendEvents, oneKitLedger } from "@relief-ledger/projections/testing";
import { afterEach, describe, expect, it } from "vitest";
import { projectedTo, projectorHarness } from "./testing/harness.testkit.js";

let harness: ReturnType<typeof projectorHarness>;
afterEach(() => harness.close());

describe("the projector catching up", () => {
  it("answers /health while a long catch-up is still under way", async () => {
    harness = projectorHarness("ledger-projector-busy");
    await harness.appendOpaque(5_000);
    const projector = await harness.start({ LEDGER_PROJECTOR_BATCH: "5" });
    let live = false;
    void projector.live.then(() => (live = true));

    const response = await projector.app.inject("/health");
    expect(live).toBe(false);
    expect(response.statusCode).toBe(200);
    const health = response.json<{ checkpoint: string; head: string; lagEvents: string }>();
    expect(BigInt(health.checkpoint)).toBeLessThan(BigInt(health.head));
    // A count of events, whatever the positions look like: between 1 and all 5,000 still to do.
    expect(Number(health.lagEvents)).toBeGreaterThan(0);
    expect(Number(health.lagEvents)).toBeLessThanOrEqual(5_000);
    expect((await projector.app.inject("/metrics")).statusCode).toBe(200);
  });

  it("answers every /health probe over HTTP during a catch-up, some while a batch is being written", async () => {
    harness = projectorHarness("ledger-projector-probes");
    await harness.appendOpaque(40_000, 5_000);
    const projector = await harness.start({ LEDGER_PROJECTOR_BATCH: "10000" });
    let live = false;
    void projector.live.then(() => (live = true));

    // Probes one after the other until caught up, each with a generous timeout: with projecting on
    // this thread, no answer could ever be given while a batch's transaction is open.
    const probes: { httpStatus: number; batchInProgress?: boolean }[] = [];
    while (!live) {
      const response = await fetch(`${projector.address}/health`, { signal: AbortSignal.timeout(10_000) });
      const { batchInProgress } = (await response.json()) as { batchInProgress?: boolean };
      probes.push({ httpStatus: response.status, batchInProgress });
      await setTimeout(2);
    }
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.filter((probe) => probe.httpStatus !== 200)).toEqual([]);
    expect(probes.filter((probe) => probe.batchInProgress === true).length).toBeGreaterThan(0);
    expect((await projector.app.inject("/health")).json()).toMatchObject({ lagEvents: "0", batchInProgress: false });
  });

  it("builds the Merkle index and records past heads for a read model made before it kept them", async () => {
    harness = projectorHarness("ledger-projector-upgrade");
    const { store, key, dir } = harness;
    await appendEvents(store, oneKitLedger());
    const cliIndex = openMerkleIndex(dir.file("merkle.db"));
    await catchUpIndex(store, cliIndex);
    await signNextHead({ store, index: cliIndex, key });
    cliIndex.close();
    const old = openProjector({ store, file: dir.file("read-models.db") });
    await old.runOnce();
    await old.close();
    await harness.appendOpaque(4);

    const projector = await harness.start();
    await projector.live;
    await projectedTo(projector, 7);
    const db = openReadModel(dir.file("read-models.db"));
    const audit = openAuditLog(db, { readonly: true });
    expect(audit.index.size()).toBe(7);
    expect(audit.heads.latest()).toMatchObject({ treeSize: 2, leafIndex: 2 });
    db.close();
  });
});

import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "@relief-ledger/domain";
import { ledgerUnitsArb } from "../testing/arbitraries.testkit.js";
import { bulkLedger } from "../testing/bulk.testkit.js";
import { resolution } from "../testing/events.testkit.js";
import { openLedger } from "../testing/ledger.testkit.js";
import { openProjector } from "../runner/projector.js";
import { rebuild } from "../runner/rebuild.js";

/**
 * Projects `units` live (batch by batch) and folds them in memory (rebuild), and returns both
 * models' digests per projection. The log is the same, positions included, so every table of
 * every projection must match: distributions and the runner's rejected events as well.
 */
async function liveAndFolded(units: LedgerEvent[][], batchSize: number, pageSize: number) {
  const ledger = await openLedger({ batchSize });
  try {
    for (const unit of units) await ledger.append(...unit);
    // What the live projector skips or rejects, the fold must skip or reject alike.
    await ledger.store.append(`opaque-${randomUUID()}`, [{ id: randomUUID(), type: "SomeLaterEventType", data: {} }]);
    await ledger.store.append(`distribution-${randomUUID()}`, [
      { id: randomUUID(), type: "DistributionRecorded", data: { distributionId: "not-a-uuid" } },
    ]);
    await ledger.projector.runOnce();
    const live = ledger.projector.digests();
    const file = ledger.dir.file("folded.db");
    const folded = await rebuild({ store: ledger.store, file, batchSize: pageSize });
    const reopened = openProjector({ store: ledger.store, file });
    const digests = reopened.digests();
    await reopened.close();
    expect(folded.checkpoint).toBe(ledger.projector.checkpoint());
    expect(folded.digest).toBe(ledger.projector.digest());
    return { live, folded: digests };
  } finally {
    await ledger.close();
  }
}

describe("the in-memory fold gives the live projector's read model", () => {
  it(
    "table for table, on generated coalitions in any order, batching and page size",
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          ledgerUnitsArb.chain((units) =>
            fc.tuple(
              fc.shuffledSubarray(units, { minLength: units.length }),
              fc.integer({ min: 1, max: 6 }),
              fc.integer({ min: 1, max: 7 }),
              // Resolutions of flags that may or may not exist, some resolved twice: the last stands.
              fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.boolean()), { maxLength: 4 }),
            ),
          ),
          async ([units, batchSize, pageSize, resolved]) => {
            const resolutions = resolved.map(([flag, confirmed]) => [
              resolution(flag, confirmed ? "confirmed" : "dismissed"),
            ]);
            const { live, folded } = await liveAndFolded([...units, ...resolutions], batchSize, pageSize);
            expect(folded).toEqual(live);
          },
        ),
        { numRuns: Number(process.env.FOLD_RUNS ?? 60) },
      );
    },
  );

  it("on a larger coalition: merges and splits of persons, late batches, policy changes", async () => {
    const { live, folded } = await liveAndFolded(bulkLedger(120), 50, 500);
    expect(folded).toEqual(live);
  });

  it("on a log of nothing but an unknown type and a rejected event", async () => {
    const { live, folded } = await liveAndFolded([], 10, 10);
    expect(folded).toEqual(live);
  });
});

import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "@relief-ledger/domain";
import { reorderedLedgerArb } from "../testing/arbitraries.testkit.js";
import { bulkLedger } from "../testing/bulk.testkit.js";
import { flagNote, resolution, uid } from "../testing/events.testkit.js";
import { withLedger } from "../testing/ledger.testkit.js";
import { itHoldsFor } from "../testing/property.testkit.js";
import { openProjector } from "../runner/projector.js";
import { rebuild } from "../runner/rebuild.js";

/**
 * Projects `units` live (batch by batch) and folds them in memory (rebuild), and returns both
 * models' digests per projection. The log is the same, positions included, so every table of
 * every projection must match: distributions and the runner's rejected events as well.
 */
async function liveAndFolded(units: LedgerEvent[][], batchSize: number, pageSize: number) {
  return withLedger({ batchSize }, async (ledger) => {
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
  });
}

describe("the in-memory fold gives the live projector's read model", () => {
  itHoldsFor(
    "table for table, on generated coalitions in any order, batching and page size",
    fc.tuple(
      reorderedLedgerArb,
      fc.integer({ min: 1, max: 7 }),
      // Resolutions of flags that may or may not exist, some resolved twice: the last stands.
      fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.boolean()), { maxLength: 4 }),
      // CBOs' notes on such flags, interleaved with the resolutions: every one is kept.
      fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.boolean()), { maxLength: 4 }),
    ),
    async ([{ shuffled, batchSize }, pageSize, resolved, noted]) => {
      const resolutions = resolved.map(([flag, confirmed]) => [
        resolution(flag, confirmed ? "confirmed" : "dismissed"),
      ]);
      // Notes alternate with and without the client's id (decision 0054): both project alike.
      const notes = noted.map(([flag, first], i) => [
        flagNote(flag, first ? "sangama-blr" : "vamp-sangli", `note ${i}`, i % 2 ? uid(0xe000 + i) : undefined),
      ]);
      const mixed = resolutions.flatMap((r, i) => [r, ...(notes[i] ? [notes[i]] : [])]);
      const { live, folded } = await liveAndFolded(
        [...shuffled, ...mixed, ...notes.slice(resolutions.length)],
        batchSize,
        pageSize,
      );
      expect(folded).toEqual(live);
    },
    { variable: "FOLD_RUNS", fallback: 60 },
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

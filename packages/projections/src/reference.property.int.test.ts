import fc from "fast-check";
import { describe, expect } from "vitest";
import { cboTotals } from "./queries/cbo-totals.js";
import { coalitionTotals } from "./queries/coalition-totals.js";
import { donorAttribution } from "./queries/donor-attribution.js";
import { flagNotes } from "./queries/flag-notes.js";
import { earlierDistributions, flagWindow, flags } from "./queries/flags.js";
import { reorderedLedgerArb } from "./testing/arbitraries.testkit.js";
import { flagNote, uid } from "./testing/events.testkit.js";
import { withLedger } from "./testing/ledger.testkit.js";
import { itHoldsFor } from "./testing/property.testkit.js";
import { referenceModel } from "./testing/reference.testkit.js";

const CBOS = ["sangama-blr", "vamp-sangli"] as const;

describe("the read model agrees with a naive reference model of the rules", () => {
  itHoldsFor(
    "for totals, persons, attribution, flags and notes on flags, after any append order and batch size",
    fc.tuple(
      reorderedLedgerArb,
      // CBOs' notes on flags that may or may not exist, some flags noted by both CBOs, some with the
      // client's id (written since decision 0054) and some without (written before).
      fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom(...CBOS), fc.boolean()), { maxLength: 5 }),
    ),
    ([{ shuffled: units, batchSize }, noted]) =>
      withLedger({ batchSize }, async (ledger) => {
        const notes = noted.map(([flag, cboId, withId], i) => [
          flagNote(flag, cboId, `note ${i}`, withId ? uid(0xe000 + i) : undefined),
        ]);
        for (const unit of [...units, ...notes]) await ledger.append(...unit);
        const db = await ledger.project();
        const expected = referenceModel([...units, ...notes].flat());

        for (const cboId of CBOS) {
          expect(cboTotals(db, cboId)?.cells ?? [], cboId).toEqual(expected.cboCells(cboId));
        }
        const coalition = coalitionTotals(db);
        expect(coalition.cells).toEqual(expected.coalitionCells);
        expect(coalition.overall.persons).toBe(expected.coalitionPersons);
        const funds = (donorAttribution(db, "azim-trust")?.funds ?? [])
          .map(({ fundId, attributedPaise, remainingPaise, persons }) => ({
            ...{ fundId, attributedPaise, remainingPaise, persons },
          }))
          .sort((a, b) => (a.fundId < b.fundId ? -1 : 1));
        expect(funds).toEqual(expected.funds);
        expect(
          flags(db).map(({ flagId, personId, earlierCount, cboIds }) => ({
            ...{ flagId, personId, earlierCount, cboIds },
            // Each flag's evidence, read back from its window reference (one page holds it here).
            earlier: earlierDistributions(db, flagWindow(db, flagId)!, { limit: 1000 }).items.map(
              (d) => d.distributionId,
            ),
          })),
        ).toEqual(expected.flags);
        for (const flag of new Set(noted.map(([flag]) => uid(flag)))) {
          const read = (cboId?: string) =>
            flagNotes(db, flag, { ...(cboId && { cboId }), limit: 1000 }).items.map(({ cboId, note }) => ({
              ...{ cboId, note },
            }));
          expect(read()).toEqual(expected.notes(flag));
          for (const cboId of CBOS) expect(read(cboId)).toEqual(expected.notes(flag, cboId));
        }
      }),
    { variable: "REFERENCE_RUNS", fallback: 100 },
  );
});

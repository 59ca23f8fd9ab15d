import { describe, expect } from "vitest";
import { cboTotals } from "./queries/cbo-totals.js";
import { coalitionTotals } from "./queries/coalition-totals.js";
import { donorAttribution } from "./queries/donor-attribution.js";
import { earlierDistributions, flagWindow, flags } from "./queries/flags.js";
import { reorderedLedgerArb } from "./testing/arbitraries.testkit.js";
import { withLedger } from "./testing/ledger.testkit.js";
import { itHoldsFor } from "./testing/property.testkit.js";
import { referenceModel } from "./testing/reference.testkit.js";

describe("the read model agrees with a naive reference model of the rules", () => {
  itHoldsFor(
    "for totals, persons, attribution and flags, after any append order and batch size",
    reorderedLedgerArb,
    ({ shuffled: units, batchSize }) =>
      withLedger({ batchSize }, async (ledger) => {
        for (const unit of units) await ledger.append(...unit);
        const db = await ledger.project();
        const expected = referenceModel(units.flat());

        for (const cboId of ["sangama-blr", "vamp-sangli"]) {
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
      }),
    { variable: "REFERENCE_RUNS", fallback: 100 },
  );
});

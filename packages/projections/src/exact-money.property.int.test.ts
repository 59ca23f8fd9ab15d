import fc from "fast-check";
import { describe, expect } from "vitest";
import { MAX_FUND_PAISE, MAX_VALUE_PAISE, type LedgerEvent } from "@relief-ledger/domain";
import { cboTotals } from "./queries/cbo-totals.js";
import { coalitionTotals } from "./queries/coalition-totals.js";
import { donorAttribution } from "./queries/donor-attribution.js";
import { openReadModel } from "./runner/database.js";
import { rebuild } from "./runner/rebuild.js";
import { byFund, byScheme, cbo, distribution, donor, fund, voidOf } from "./testing/events.testkit.js";
import { openLedger } from "./testing/ledger.testkit.js";
import { itHoldsFor } from "./testing/property.testkit.js";

// Amounts at and just under the documented bounds, where float sums stop being exact.
const CBOS = ["sangama-blr", "vamp-sangli"] as const;
const atBound = (max: number) => fc.integer({ min: 0, max: 3 }).map((below) => max - below);

const ledgerArb = fc.record({
  funds: fc.array(fc.record({ cbo: fc.constantFrom(...CBOS), amount: atBound(MAX_FUND_PAISE) }), { maxLength: 4 }),
  records: fc.array(
    fc.record({
      cbo: fc.constantFrom(...CBOS),
      value: fc.oneof(atBound(MAX_VALUE_PAISE), fc.constant(0)),
      person: fc.integer({ min: 1, max: 6 }),
      day: fc.integer({ min: 1, max: 28 }),
      funding: fc.constantFrom("auto", "fund", "scheme"),
    }),
    { minLength: 1, maxLength: 40 },
  ),
  voids: fc.uniqueArray(fc.nat({ max: 39 }), { maxLength: 4 }),
  liveBatch: fc.integer({ min: 1, max: 7 }),
  rebuildBatch: fc.integer({ min: 1, max: 50 }),
});

type Drawn<A> = A extends fc.Arbitrary<infer T> ? T : never;

function eventsOf({ funds, records, voids }: Drawn<typeof ledgerArb>) {
  const units: LedgerEvent[][] = [[cbo(CBOS[0])], [cbo(CBOS[1], "IN-MH")], [donor("azim-trust")]];
  funds.forEach((f, i) =>
    units.push([fund({ fund: 1_000 + i, cboId: f.cbo, amountPaise: f.amount, receivedOn: "2021-04-01" })]),
  );
  const counted = new Map<number, { cbo: string; value: number; scheme: boolean }>();
  records.forEach((r, i) => {
    const own = funds.flatMap((f, n) => (f.cbo === r.cbo ? [1_000 + n] : []));
    const funding =
      r.funding === "scheme"
        ? byScheme()
        : r.funding === "fund" && own.length > 0
          ? byFund(own[i % own.length]!)
          : undefined;
    const on = `2021-05-${String(r.day).padStart(2, "0")}`;
    units.push([
      distribution({
        id: i + 1,
        cboId: r.cbo,
        on,
        people: [r.person],
        valuePaise: r.value,
        ...(funding && { funding }),
      }),
    ]);
    counted.set(i + 1, { cbo: r.cbo, value: r.value, scheme: r.funding === "scheme" });
  });
  for (const index of voids) {
    const id = (index % records.length) + 1;
    if (!counted.has(id)) continue;
    units.push([voidOf(id, counted.get(id)!.cbo)]);
    counted.delete(id);
  }
  return { units, counted: [...counted.values()] };
}

const bigSum = (values: number[]) => values.reduce((total, v) => total + BigInt(v), 0n);

describe("money is summed exactly: live and rebuilt read models agree for amounts at the bounds", () => {
  itHoldsFor(
    "gives the live projector's digest on a rebuild, and totals equal to BigInt sums of the events",
    ledgerArb,
    async (c) => {
      const { units, counted } = eventsOf(c);
      const ledger = await openLedger({ batchSize: c.liveBatch });
      try {
        // Live: the projector catches up after every append, in batches of liveBatch.
        for (const unit of units) {
          await ledger.append(...unit);
          await ledger.projector.runOnce();
        }
        const live = ledger.projector.digest();
        await ledger.projector.close();
        const rebuilt = await rebuild({ store: ledger.store, file: ledger.file, batchSize: c.rebuildBatch });
        expect(rebuilt.digest).toBe(live);

        const db = openReadModel(ledger.file);
        try {
          const coalition = coalitionTotals(db).overall;
          expect(BigInt(coalition.valuePaise)).toBe(bigSum(counted.map((d) => d.value)));
          expect(BigInt(coalition.schemePaise)).toBe(bigSum(counted.filter((d) => d.scheme).map((d) => d.value)));
          expect(BigInt(coalition.receivedPaise)).toBe(bigSum(c.funds.map((f) => f.amount)));
          expect(coalition.attributedPaise + coalition.unfundedPaise + coalition.schemePaise).toBe(
            coalition.valuePaise,
          );
          for (const cboId of CBOS) {
            const overall = cboTotals(db, cboId)!.overall;
            expect(BigInt(overall.valuePaise), cboId).toBe(
              bigSum(counted.filter((d) => d.cbo === cboId).map((d) => d.value)),
            );
            expect(BigInt(overall.receivedPaise), cboId).toBe(
              bigSum(c.funds.filter((f) => f.cbo === cboId).map((f) => f.amount)),
            );
          }
          const donorOverall = donorAttribution(db, "azim-trust")!.overall;
          expect(BigInt(donorOverall.receivedPaise)).toBe(bigSum(c.funds.map((f) => f.amount)));
          expect(donorOverall.attributedPaise + donorOverall.remainingPaise).toBe(donorOverall.receivedPaise);
        } finally {
          db.close();
        }
      } finally {
        await ledger.store.close();
        ledger.dir.remove();
      }
    },
    { variable: "EXACT_MONEY_RUNS", fallback: 25, timeoutMs: 180_000 },
  );
});

import fc from "fast-check";
import type { LedgerEvent, Service } from "@relief-ledger/domain";
import { byFund, byScheme, cbo, distribution, donor, fund, policy, uid, voidOf } from "./events.testkit.js";

const CBOS = ["sangama-blr", "vamp-sangli"] as const;
const SERVICES: Service[] = ["grocery_kit", "art_medicine", "cooked_food"];
const date = (day: number) => new Date(Date.UTC(2020, 3, 1 + day)).toISOString().slice(0, 10);

const fundArb = fc.record({
  cbo: fc.constantFrom(...CBOS),
  amount: fc.integer({ min: 1, max: 30 }).map((x) => x * 10_000),
  day: fc.integer({ min: 0, max: 60 }),
  restricted: fc.boolean(),
});

const recordArb = fc.record({
  // A small pool of pseudonyms, so records join and split people.
  people: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 2 }),
  day: fc.integer({ min: 0, max: 60 }),
  service: fc.constantFrom(...SERVICES),
  value: fc.integer({ min: 0, max: 20 }).map((x) => x * 10_000),
  funding: fc.constantFrom("auto", "fund", "scheme"),
  fund: fc.nat(),
});

/**
 * A ledger as the units that are appended whole: registrations, funds, submissions, voids and at
 * most one policy change (two would not commute: the later one wins where they overlap).
 */
export const ledgerUnitsArb = fc
  .record({
    funds: fc.array(fundArb, { maxLength: 4 }),
    submissions: fc.array(
      fc.record({ cbo: fc.constantFrom(...CBOS), records: fc.array(recordArb, { minLength: 1, maxLength: 4 }) }),
      { minLength: 1, maxLength: 5 },
    ),
    voids: fc.uniqueArray(fc.nat({ max: 19 }), { maxLength: 3 }),
    repeat: fc.boolean(),
    policy: fc.option(
      fc.record({ windowDays: fc.integer({ min: 1, max: 40 }), maxPerWindow: fc.integer({ min: 1, max: 2 }) }),
    ),
  })
  .map(({ funds, submissions, voids, repeat, policy: rule }) => {
    const units: LedgerEvent[][] = [[cbo(CBOS[0])], [cbo(CBOS[1], "IN-MH")], [donor("azim-trust")]];
    funds.forEach((f, i) => {
      const restrictedTo: Service[] | undefined = f.restricted ? ["grocery_kit"] : undefined;
      const spec = { fund: 1_000 + i, cboId: f.cbo, amountPaise: f.amount, receivedOn: date(f.day) };
      units.push([fund(restrictedTo ? { ...spec, restrictedTo } : spec)]);
    });
    const recorded: { id: number; cboId: string }[] = [];
    submissions.forEach((submission, s) => {
      const events = submission.records.map((r) => {
        const id = recorded.length + 1;
        recorded.push({ id, cboId: submission.cbo });
        const funding =
          r.funding === "scheme"
            ? byScheme()
            : r.funding === "fund" && funds.length > 0
              ? byFund(1_000 + (r.fund % funds.length))
              : undefined;
        const spec = { id, cboId: submission.cbo, on: date(r.day), people: r.people, service: r.service };
        return distribution({ ...spec, valuePaise: r.value, submission: 5_000 + s, ...(funding ? { funding } : {}) });
      });
      units.push(events);
    });
    // The same records again under another submission id: a repeat that slipped past ingest. Its
    // content is the same, so which copy counts does not depend on the order either.
    const first = units[3 + funds.length]!;
    if (repeat) {
      units.push(
        first.map((event) =>
          event.type === "DistributionRecorded" ? { ...event, data: { ...event.data, submissionId: uid(777) } } : event,
        ),
      );
    }
    const voided = new Set(voids.map((index) => recorded[index % recorded.length]!));
    for (const target of voided) units.push([voidOf(target.id, target.cboId)]);
    if (rule) units.push([policy({ grocery_kit: rule, art_medicine: rule })]);
    return units;
  });

/** A generated ledger, the same units in an append order of fast-check's choosing, and a batch size. */
export const reorderedLedgerArb = ledgerUnitsArb.chain((units) =>
  fc.record({
    units: fc.constant(units),
    shuffled: fc.shuffledSubarray(units, { minLength: units.length }),
    batchSize: fc.integer({ min: 1, max: 6 }),
  }),
);

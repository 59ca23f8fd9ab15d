import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MAX_VALUE_PAISE } from "@relief-ledger/domain";
import { cboTotals } from "../queries/cbo-totals.js";
import { TotalOutOfRangeError } from "../queries/exact.js";
import { coalitionTotals } from "../queries/coalition-totals.js";
import { byFund, byScheme, cbo, distribution, fund, voidOf } from "../testing/events.testkit.js";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";

const SANGAMA = "sangama-blr";
const VAMP = "vamp-sangli";
const ledgers = ledgerPerTest();

/**
 * Fund 1 (Rs 3,000, April) pays the two April auto kits in full and has nothing left for the
 * kit charged to it; fund 2 (Rs 2,000, May) pays the May meal. The scheme kit is no donor's.
 * The voided kit counts nowhere. Persons 1, 2, 3 in April (person 1 twice); person 2 also at VAMP.
 */
const LEDGER = [
  cbo(SANGAMA, "IN-KA"),
  cbo(VAMP, "IN-MH"),
  fund({ fund: 1, cboId: SANGAMA, amountPaise: 300_000, receivedOn: "2020-04-01" }),
  fund({ fund: 2, cboId: SANGAMA, amountPaise: 200_000, receivedOn: "2020-05-03" }),
  distribution({ id: 1, cboId: SANGAMA, on: "2020-04-05", people: [1], valuePaise: 150_000 }),
  distribution({ id: 2, cboId: SANGAMA, on: "2020-04-12", people: [2], valuePaise: 150_000 }),
  distribution({ id: 3, cboId: SANGAMA, on: "2020-04-20", people: [1], valuePaise: 80_000, funding: byScheme() }),
  distribution({ id: 4, cboId: SANGAMA, on: "2020-04-22", people: [3], valuePaise: 100_000, funding: byFund(1) }),
  distribution({ id: 5, cboId: SANGAMA, on: "2020-05-04", people: [1], valuePaise: 40_000, service: "cooked_food" }),
  distribution({ id: 6, cboId: SANGAMA, on: "2020-04-25", people: [4], valuePaise: 50_000 }),
  voidOf(6, SANGAMA),
  distribution({ id: 7, cboId: VAMP, on: "2020-04-15", people: [2], valuePaise: 60_000 }),
];

describe("per-CBO and coalition totals", () => {
  it("sums each cell by CBO, service and month of distributedOn", async () => {
    const ledger = await ledgers.open({ batchSize: 4 });
    await ledger.append(...LEDGER);
    const db = await ledger.project();

    expect(cboTotals(db, SANGAMA)).toEqual({
      cboId: SANGAMA,
      cbo: { name: "CBO sangama-blr", state: "IN-KA", district: "Bengaluru Urban" },
      overall: {
        ...{ distributions: 5, valuePaise: 520_000, persons: 3 },
        ...{ attributedPaise: 340_000, unfundedPaise: 100_000, schemePaise: 80_000 },
        ...{ funds: 2, receivedPaise: 500_000 },
      },
      cells: [
        {
          ...{ service: "cooked_food", month: "2020-05", distributions: 1, valuePaise: 40_000, persons: 1 },
          ...{ attributedPaise: 40_000, unfundedPaise: 0, schemePaise: 0 },
        },
        {
          ...{ service: "grocery_kit", month: "2020-04", distributions: 4, valuePaise: 480_000, persons: 3 },
          ...{ attributedPaise: 300_000, unfundedPaise: 100_000, schemePaise: 80_000 },
        },
      ],
      fundsReceived: [
        { month: "2020-04", funds: 1, amountPaise: 300_000 },
        { month: "2020-05", funds: 1, amountPaise: 200_000 },
      ],
    });
  });

  it("counts a person served by two CBOs once in the coalition", async () => {
    const ledger = await ledgers.open();
    await ledger.append(...LEDGER);
    const totals = coalitionTotals(await ledger.project());

    expect(totals.overall).toEqual({
      ...{ distributions: 6, valuePaise: 580_000, persons: 3 },
      ...{ attributedPaise: 340_000, unfundedPaise: 160_000, schemePaise: 80_000 },
      ...{ cbos: 2, funds: 2, receivedPaise: 500_000 },
    });
    expect(totals.cells).toEqual([
      {
        ...{ service: "cooked_food", month: "2020-05", distributions: 1, valuePaise: 40_000, persons: 1 },
        ...{ attributedPaise: 40_000, unfundedPaise: 0, schemePaise: 0 },
      },
      {
        ...{ service: "grocery_kit", month: "2020-04", distributions: 5, valuePaise: 540_000, persons: 3 },
        ...{ attributedPaise: 300_000, unfundedPaise: 160_000, schemePaise: 80_000 },
      },
    ]);
    expect(totals.fundsReceived).toEqual([
      { month: "2020-04", funds: 1, amountPaise: 300_000 },
      { month: "2020-05", funds: 1, amountPaise: 200_000 },
    ]);
  });

  it("recounts distinct persons in cells a later record merges or a void splits", async () => {
    const ledger = await ledgers.open();
    await ledger.append(
      distribution({ id: 1, cboId: SANGAMA, on: "2020-04-05", people: [1] }),
      distribution({ id: 2, cboId: SANGAMA, on: "2020-04-06", people: [2] }),
    );
    const cell = async () => cboTotals(await ledger.project(), SANGAMA)?.cells[0]?.persons;
    expect(await cell()).toBe(2);
    // Recorded by another CBO, in another month and service: it still makes one person of the two.
    await ledger.append(
      distribution({ id: 3, cboId: VAMP, on: "2020-09-01", people: [1, 2], service: "masks_sanitizers" }),
    );
    expect(await cell()).toBe(1);
    await ledger.append(voidOf(3, VAMP));
    expect(await cell()).toBe(2);
    await ledger.append(voidOf(1, SANGAMA), voidOf(2, SANGAMA));
    expect(cboTotals(await ledger.project(), SANGAMA)).toBeUndefined();
  });
});

describe("totals beyond 2^53 paise", () => {
  // No accepted input gets near (nine million records at the per-record bound), so the row is
  // planted: the point is that the arithmetic and the digest are exact, not rounded, wherever they are.
  const planted = 2n ** 60n + 1n;

  it("adds to a stored total exactly, digests it in full, and refuses to round it into a JSON number", async () => {
    const ledger = await ledgers.open();
    await ledger.append(
      cbo(SANGAMA),
      distribution({ id: 1, cboId: SANGAMA, on: "2020-04-05", people: [1], valuePaise: 7 }),
    );
    await ledger.projector.runOnce();
    const writer = new Database(ledger.file);
    writer
      .prepare("UPDATE cbo_overall SET value_paise = ?, unfunded_paise = ? WHERE cbo_id = ?")
      .run(planted, planted, SANGAMA);
    const plantedDigest = ledger.projector.digest();
    writer.prepare("UPDATE cbo_overall SET value_paise = ? WHERE cbo_id = ?").run(planted + 1n, SANGAMA);
    expect(ledger.projector.digest()).not.toBe(plantedDigest);
    writer.prepare("UPDATE cbo_overall SET value_paise = ? WHERE cbo_id = ?").run(planted, SANGAMA);

    await ledger.append(
      distribution({ id: 2, cboId: SANGAMA, on: "2020-04-06", people: [2], valuePaise: MAX_VALUE_PAISE }),
    );
    await ledger.projector.runOnce();
    const row = writer
      .prepare("SELECT value_paise AS value, unfunded_paise AS unfunded FROM cbo_overall WHERE cbo_id = ?")
      .safeIntegers()
      .get(SANGAMA);
    writer.close();
    expect(row).toEqual({ value: planted + BigInt(MAX_VALUE_PAISE), unfunded: planted + BigInt(MAX_VALUE_PAISE) });
    const db = await ledger.project();
    expect(() => cboTotals(db, SANGAMA)).toThrow(TotalOutOfRangeError);
  });
});

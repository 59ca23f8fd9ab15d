import type { Database } from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { donorAttribution } from "../queries/donor-attribution.js";
import { byFund, distribution, fund, voidOf, uidNumber as n } from "../testing/events.testkit.js";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";

const CBO = "sangama-blr";
const { project } = ledgerPerTest();

/** Allocations as "d<distribution> f<fund> <paise>", and each fund's remaining balance, by number. */
function attributed(db: Database) {
  const rows = db
    .prepare<[], { d: string; f: string; paise: number }>(
      "SELECT distribution_id AS d, fund_id AS f, paise FROM allocations ORDER BY distribution_id, fund_id",
    )
    .all();
  const remaining = db
    .prepare<[], { f: string; r: number }>("SELECT fund_id AS f, remaining_paise AS r FROM fund_totals ORDER BY 1")
    .all();
  return {
    allocations: rows.map(({ d, f, paise }) => `d${n(d)} f${n(f)} ${paise}`),
    remaining: Object.fromEntries(remaining.map(({ f, r }) => [n(f), r])),
  };
}

const unfunded = (db: Database) =>
  db.prepare("SELECT COALESCE(SUM(unfunded_paise), 0) FROM cbo_cells").pluck().get() as number;

describe("donor attribution", () => {
  it("keeps a restricted fund to its services and splits auto funding across funds oldest first", async () => {
    const db = await project(
      fund({ fund: 1, cboId: CBO, amountPaise: 100_000, receivedOn: "2020-04-01", restrictedTo: ["art_medicine"] }),
      fund({ fund: 2, cboId: CBO, amountPaise: 100_000, receivedOn: "2020-04-10" }),
      distribution({ id: 1, cboId: CBO, on: "2020-04-15", people: [1], valuePaise: 60_000 }),
      distribution({ id: 2, cboId: CBO, on: "2020-04-16", people: [2], valuePaise: 150_000, service: "art_medicine" }),
    );
    // Kit 1 may not use fund 1 (ART only): fund 2 pays 600. The ART 1,500 takes fund 1's 1,000,
    // then the 400 left in fund 2, and 100 stays unfunded.
    expect(attributed(db)).toEqual({
      allocations: ["d1 f2 60000", "d2 f1 100000", "d2 f2 40000"],
      remaining: { 1: 0, 2: 0 },
    });
    expect(unfunded(db)).toBe(10_000);
  });

  it("orders auto funds by receivedOn, then fundId, not by id or upload order", async () => {
    const db = await project(
      fund({ fund: 9, cboId: CBO, amountPaise: 50_000, receivedOn: "2020-04-05" }),
      fund({ fund: 7, cboId: CBO, amountPaise: 50_000, receivedOn: "2020-04-01" }),
      fund({ fund: 8, cboId: CBO, amountPaise: 50_000, receivedOn: "2020-04-05" }),
      distribution({ id: 1, cboId: CBO, on: "2020-04-20", people: [1], valuePaise: 120_000 }),
    );
    expect(attributed(db)).toEqual({
      allocations: ["d1 f7 50000", "d1 f8 50000", "d1 f9 20000"],
      remaining: { 7: 0, 8: 0, 9: 30_000 },
    });
  });

  it("leaves the part of a fund-specific distribution beyond the fund's balance unfunded", async () => {
    const db = await project(
      fund({ fund: 1, cboId: CBO, amountPaise: 100_000, receivedOn: "2020-04-01" }),
      fund({ fund: 2, cboId: CBO, amountPaise: 900_000, receivedOn: "2020-04-01" }),
      distribution({ id: 1, cboId: CBO, on: "2020-04-10", people: [1], valuePaise: 150_000, funding: byFund(1) }),
    );
    expect(attributed(db)).toEqual({ allocations: ["d1 f1 100000"], remaining: { 1: 0, 2: 900_000 } });
    expect(unfunded(db)).toBe(50_000);
  });

  it("re-walks from a late batch dated earlier: money goes in the order things happened", async () => {
    let db = await project(
      fund({ fund: 1, cboId: CBO, amountPaise: 100_000, receivedOn: "2020-04-01" }),
      distribution({ id: 1, cboId: CBO, on: "2020-05-10", people: [1], valuePaise: 80_000 }),
    );
    expect(attributed(db).allocations).toEqual(["d1 f1 80000"]);
    db = await project(distribution({ id: 2, cboId: CBO, on: "2020-05-01", people: [2], valuePaise: 50_000 }));
    expect(attributed(db)).toEqual({
      allocations: ["d1 f1 50000", "d2 f1 50000"],
      remaining: { 1: 0 },
    });
    expect(unfunded(db)).toBe(30_000);
  });

  it("gives the money a void frees to the distributions after it", async () => {
    let db = await project(
      fund({ fund: 1, cboId: CBO, amountPaise: 100_000, receivedOn: "2020-04-01" }),
      distribution({ id: 1, cboId: CBO, on: "2020-04-10", people: [1], valuePaise: 70_000 }),
      distribution({ id: 2, cboId: CBO, on: "2020-04-20", people: [2], valuePaise: 70_000 }),
    );
    expect(attributed(db).allocations).toEqual(["d1 f1 70000", "d2 f1 30000"]);
    db = await project(voidOf(1, CBO));
    expect(attributed(db)).toEqual({ allocations: ["d2 f1 70000"], remaining: { 1: 30_000 } });
    expect(unfunded(db)).toBe(0);
  });

  it("re-walks the whole CBO for a new fund, which may pay for distributions dated before it", async () => {
    let db = await project(
      fund({ fund: 1, cboId: CBO, amountPaise: 50_000, receivedOn: "2020-04-01" }),
      distribution({ id: 1, cboId: CBO, on: "2020-04-10", people: [1], valuePaise: 100_000 }),
      distribution({ id: 2, cboId: "vamp-sangli", on: "2020-04-10", people: [2], valuePaise: 100_000 }),
    );
    expect(unfunded(db)).toBe(150_000);
    db = await project(fund({ fund: 2, cboId: CBO, amountPaise: 100_000, receivedOn: "2020-06-01" }));
    expect(attributed(db)).toEqual({
      allocations: ["d1 f1 50000", "d1 f2 50000"],
      remaining: { 1: 0, 2: 50_000 },
    });
    // The other CBO's distribution is not paid from this CBO's fund.
    expect(unfunded(db)).toBe(100_000);
  });

  it("shows a donor, per fund, what was received, attributed by CBO × service × month, remaining and persons reached", async () => {
    const db = await project(
      fund({ fund: 1, cboId: CBO, amountPaise: 300_000, receivedOn: "2020-04-01", donorId: "azim-trust" }),
      fund({ fund: 2, cboId: "vamp-sangli", amountPaise: 100_000, receivedOn: "2020-04-02", donorId: "azim-trust" }),
      fund({ fund: 3, cboId: CBO, amountPaise: 100_000, receivedOn: "2020-03-01", donorId: "other-donor" }),
      distribution({ id: 1, cboId: CBO, on: "2020-04-10", people: [1], valuePaise: 150_000 }),
      distribution({ id: 2, cboId: CBO, on: "2020-04-11", people: [2], valuePaise: 50_000 }),
      distribution({ id: 3, cboId: CBO, on: "2020-05-01", people: [1], valuePaise: 70_000, service: "cash_benefit" }),
      distribution({ id: 4, cboId: "vamp-sangli", on: "2020-04-20", people: [3], valuePaise: 30_000 }),
    );
    // Fund 3, another donor's and received first, pays 1,000 of kit 1, and fund 1 the other 500.
    const report = donorAttribution(db, "azim-trust")!;
    expect(report.overall).toEqual({
      funds: 2,
      receivedPaise: 400_000,
      attributedPaise: 200_000,
      remainingPaise: 200_000,
      persons: 3,
    });
    expect(
      report.funds.map(({ cells, receivedPaise, attributedPaise, remainingPaise, persons }) => ({
        cells: cells.map((c) => [c.cboId, c.service, c.month, c.paise, c.distributions, c.persons]),
        ...{ receivedPaise, attributedPaise, remainingPaise, persons },
      })),
    ).toEqual([
      {
        cells: [
          [CBO, "cash_benefit", "2020-05", 70_000, 1, 1],
          [CBO, "grocery_kit", "2020-04", 100_000, 2, 2],
        ],
        ...{ receivedPaise: 300_000, attributedPaise: 170_000, remainingPaise: 130_000, persons: 2 },
      },
      {
        cells: [["vamp-sangli", "grocery_kit", "2020-04", 30_000, 1, 1]],
        ...{ receivedPaise: 100_000, attributedPaise: 30_000, remainingPaise: 70_000, persons: 1 },
      },
    ]);
    expect(donorAttribution(db, "nobody-here")).toBeUndefined();
  });
});

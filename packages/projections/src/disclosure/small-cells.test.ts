import { describe, expect, it } from "vitest";
import type { CoalitionTotals } from "../queries/coalition-totals.js";
import type { DonorAttribution, FundAttribution } from "../queries/donor-attribution.js";
import { closeTable, suppressAttribution, suppressCoalition, wholeAttribution } from "./small-cells.js";

const fundCell = (month: string, distributions: number, persons: number, paise = distributions * 1_000) => ({
  cboId: "sangama-blr",
  service: "art_medicine",
  month,
  paise,
  distributions,
  persons,
});

const fund = (cells: ReturnType<typeof fundCell>[], persons: number): FundAttribution => {
  const attributedPaise = cells.reduce((sum, cell) => sum + cell.paise, 0);
  return {
    fundId: "f1",
    cboId: "sangama-blr",
    receivedOn: "2021-04-01",
    receivedPaise: attributedPaise + 5_000,
    restrictedTo: null,
    reference: null,
    attributedPaise,
    remainingPaise: 5_000,
    distributions: cells.reduce((sum, cell) => sum + cell.distributions, 0),
    persons,
    cells,
  };
};

const attribution = (funds: FundAttribution[], persons: number): DonorAttribution => ({
  donorId: "azim-trust",
  donor: { name: "Azim Trust", kind: "trust" },
  funds,
  overall: { funds: funds.length, receivedPaise: 0, attributedPaise: 0, remainingPaise: 0, persons },
});

describe("closeTable", () => {
  it("hides nothing, and shows the total, when no cell must be hidden", () => {
    expect(
      closeTable(
        [5, 9],
        () => false,
        (n) => n,
      ),
    ).toEqual({ hidden: [false, false], totalShown: true });
  });

  it("hides the shown cell with the fewest persons beside a hidden one", () => {
    expect(
      closeTable(
        [9, 2, 6, 6],
        (n) => n < 5,
        (n) => n,
      ),
    ).toEqual({
      hidden: [false, true, true, false],
      totalShown: true,
    });
  });

  it("never takes a cell of no persons (all voided) as the complement: it would protect nothing", () => {
    // [0, 2, 9]: hiding the empty cell beside the 2 would leave the 2 as total − 9.
    expect(
      closeTable(
        [0, 2, 9],
        (n) => n >= 1 && n < 5,
        (n) => n,
      ),
    ).toEqual({ hidden: [false, true, true], totalShown: true });
    expect(
      closeTable(
        [0, 2],
        (n) => n >= 1 && n < 5,
        (n) => n,
      ),
    ).toEqual({ hidden: [false, true], totalShown: false });
  });

  it("hides the total when every cell is hidden", () => {
    expect(
      closeTable(
        [2, 3],
        (n) => n < 5,
        (n) => n,
      ),
    ).toEqual({ hidden: [true, true], totalShown: false });
  });
});

describe("donor attribution for a donor key", () => {
  it("given one ART cell of 1 person beside one of 12, when suppressed, neither can be worked out from the fund", () => {
    const view = suppressAttribution(
      attribution([fund([fundCell("2021-05", 1, 1), fundCell("2021-06", 12, 12)], 13)], 13),
    );
    const [theFund] = view.funds;
    // Today's leak was `distributions: 1` beside `persons: null`; now both cells are hidden whole.
    // Each says why: May reached fewer than 5; June is hidden to protect May, its size untold.
    expect(theFund!.cells).toEqual([
      {
        ...fundCell("2021-05", 1, 1),
        paise: null,
        distributions: null,
        persons: null,
        suppressed: true,
        suppressedReason: "small",
      },
      {
        ...fundCell("2021-06", 12, 12),
        paise: null,
        distributions: null,
        persons: null,
        suppressed: true,
        suppressedReason: "protective",
      },
    ]);
    // The fund's own totals stay, and its money reconciles: hidden cells' money is given together.
    expect(theFund).toMatchObject({ distributions: 13, persons: 13, suppressed: false, suppressedPaise: 13_000 });
    expect(theFund!.attributedPaise).toBe(13_000);
    expect(theFund!.receivedPaise).toBe(theFund!.attributedPaise + theFund!.remainingPaise);
    expect(view.overall).toMatchObject({ persons: 13, suppressed: false });
  });

  it("given a fund that reached 3 people in all, shows none of its counts but all of its money", () => {
    const view = suppressAttribution(attribution([fund([fundCell("2021-05", 2, 2), fundCell("2021-06", 3, 2)], 3)], 3));
    expect(view.funds[0]).toMatchObject({
      distributions: null,
      persons: null,
      suppressed: true,
      attributedPaise: 5_000,
      suppressedPaise: 5_000,
    });
    expect(view.funds[0]!.cells.every((cell) => cell.suppressed && cell.distributions === null)).toBe(true);
    // With the fund's counts hidden there is no total to bound a cell by, so each says "small".
    expect(view.funds[0]!.suppressedReason).toBe("small");
    expect(view.funds[0]!.cells.map((cell) => cell.suppressedReason)).toEqual(["small", "small"]);
    expect(view.overall).toMatchObject({ persons: null, suppressed: true, suppressedReason: "small" });
  });

  it("given hidden cells whose labels would narrow a small one, says only that each is protective", () => {
    // May: 1 distribution to 1 person; June: 5 to 5. The fund's 6 distributions less none shown
    // leave 6 hidden; told that June holds 5 or more, a reader would know May holds exactly 1.
    const view = suppressAttribution(attribution([fund([fundCell("2021-05", 1, 1), fundCell("2021-06", 5, 5)], 6)], 6));
    expect(view.funds[0]).toMatchObject({ distributions: 6, suppressed: false, suppressedReason: null });
    expect(view.funds[0]!.cells.map((cell) => [cell.suppressed, cell.suppressedReason])).toEqual([
      [true, "protective"],
      [true, "protective"],
    ]);
    // 9 hidden distributions: a small cell could still be any of 1–4 whichever cell is which.
    const wider = suppressAttribution(
      attribution([fund([fundCell("2021-05", 1, 1), fundCell("2021-06", 8, 5), fundCell("2021-07", 9, 9)], 14)], 14),
    );
    expect(wider.funds[0]!.cells.map((cell) => cell.suppressedReason)).toEqual(["small", "protective", null]);
  });

  it("given only cells of 5 or more, shows everything", () => {
    const whole = attribution([fund([fundCell("2021-05", 5, 5), fundCell("2021-06", 7, 6)], 9)], 9);
    expect(suppressAttribution(whole)).toEqual(wholeAttribution(whole));
  });
});

const coalitionCell = (month: string, distributions: number, persons: number) => ({
  service: "art_medicine",
  month,
  distributions,
  valuePaise: distributions * 1_000,
  persons,
  attributedPaise: 0,
  unfundedPaise: distributions * 1_000,
  schemePaise: 0,
});

const coalition = (cells: ReturnType<typeof coalitionCell>[], persons: number): CoalitionTotals => ({
  overall: {
    distributions: cells.reduce((sum, cell) => sum + cell.distributions, 0),
    valuePaise: 0,
    persons,
    attributedPaise: 0,
    unfundedPaise: 0,
    schemePaise: 0,
    cbos: 2,
    funds: 1,
    receivedPaise: 0,
  },
  cells,
  fundsReceived: [],
});

describe("coalition totals for a donor key", () => {
  it("hides a cell the donor's own figures account for all but 4 persons of, and a complement with it", () => {
    const totals = coalition(
      [coalitionCell("2021-05", 9, 9), coalitionCell("2021-06", 20, 20), coalitionCell("2021-07", 30, 30)],
      40,
    );
    // The donor's funds reached 5 of May's 9 persons: subtracting its own cell would leave 4.
    const view = suppressCoalition(totals, [{ service: "art_medicine", month: "2021-05", persons: 5 }]);
    // May holds 9 persons, so it is not "small": hidden to protect the 4 the donor cannot see.
    expect(view.cells.map((cell) => [cell.month, cell.suppressed, cell.distributions, cell.suppressedReason])).toEqual([
      ["2021-05", true, null, "protective"],
      ["2021-06", true, null, "protective"],
      ["2021-07", false, 30, null],
    ]);
    expect(view.overall).toMatchObject({ distributions: 59, persons: 40, suppressed: false });
  });

  it("hides the coalition's counts when every cell is small, and keeps its money", () => {
    const totals = coalition([coalitionCell("2021-05", 2, 2), coalitionCell("2021-06", 4, 3)], 4);
    totals.overall.valuePaise = 6_000;
    const view = suppressCoalition(totals, []);
    expect(view.overall).toMatchObject({
      distributions: null,
      persons: null,
      suppressed: true,
      suppressedReason: "small",
      valuePaise: 6_000,
    });
    expect(view.cells.every((cell) => cell.suppressed && cell.valuePaise === null)).toBe(true);
    expect(view.cells.map((cell) => cell.suppressedReason)).toEqual(["small", "small"]);
  });

  it("labels a small coalition cell beside its complement", () => {
    const totals = coalition(
      [coalitionCell("2021-05", 3, 2), coalitionCell("2021-06", 20, 20), coalitionCell("2021-07", 30, 30)],
      45,
    );
    const view = suppressCoalition(totals, []);
    expect(view.cells.map((cell) => cell.suppressedReason)).toEqual(["small", "protective", null]);
  });
});

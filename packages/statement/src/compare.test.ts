import { describe, expect, it } from "vitest";
import { compareFigures, describeDifference } from "./compare.js";
import type { StatementFigures } from "./figures.js";

// Given a statement of one fund with one line, as the replay gives it…
const replayed: StatementFigures = {
  donorId: "azim-trust",
  donor: { name: "Azim Trust", kind: "trust" },
  period: { from: null, to: null },
  funds: [
    {
      fundId: "f1",
      cboId: "sangama-blr",
      receivedOn: "2021-04-20",
      reference: null,
      restrictedTo: null,
      receivedPaise: 1_000_000,
      attributedPaise: 450_000,
      remainingPaise: 550_000,
      distributions: 3,
      persons: 3,
      suppressed: false,
      lines: [{ cboId: "sangama-blr", service: "grocery_kit", paise: 450_000, distributions: 3, withheldCells: 0 }],
      withheldPaise: 0,
    },
  ],
  totals: { funds: 1, receivedPaise: 1_000_000, attributedPaise: 450_000, remainingPaise: 550_000 },
};
const altered = (change: (figures: StatementFigures) => void): StatementFigures => {
  const copy = structuredClone(replayed);
  change(copy);
  return copy;
};

describe("comparing a statement with its replay", () => {
  it("finds nothing when they agree", () => {
    expect(compareFigures(structuredClone(replayed), replayed)).toEqual([]);
  });

  it("names the line and field of a figure one rupee off, in rupees", () => {
    const stated = altered((s) => (s.funds[0]!.lines[0]!.paise += 100));
    expect(compareFigures(stated, replayed).map(describeDifference)).toEqual([
      "fund f1 / CBO sangama-blr / service grocery_kit: paise is Rs 4501.00 in the statement, Rs 4500.00 in the ledger",
    ]);
  });

  it("names a line or fund that one side has and the other has not", () => {
    const extraLine = altered((s) =>
      s.funds[0]!.lines.push({
        cboId: "sangama-blr",
        service: "art_medicine",
        paise: 0,
        distributions: 0,
        withheldCells: 1,
      }),
    );
    expect(compareFigures(extraLine, replayed).map((d) => [d.line, d.stated, d.replayed])).toEqual([
      ["fund f1 / CBO sangama-blr / service art_medicine", "present", "absent"],
    ]);
    const noFund = altered((s) => (s.funds = []));
    expect(compareFigures(noFund, replayed).map((d) => [d.line, d.field])).toEqual([["fund f1", "fund"]]);
  });

  it("names a withheld count shown, and a changed period or total", () => {
    const stated = altered((s) => {
      s.funds[0]!.persons = null;
      s.period.to = "2021-12-31";
      s.totals.receivedPaise += 1;
    });
    expect(compareFigures(stated, replayed).map(describeDifference)).toEqual([
      'statement: period is {"from":null,"to":"2021-12-31"} in the statement, {"from":null,"to":null} in the ledger',
      "fund f1: persons is withheld in the statement, 3 in the ledger",
      "totals: receivedPaise is Rs 10000.01 in the statement, Rs 10000.00 in the ledger",
    ]);
  });
});

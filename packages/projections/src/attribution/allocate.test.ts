import { describe, expect, it } from "vitest";
import { allocate, type WalkFund } from "./allocate.js";

const FUNDS: WalkFund[] = [
  { fundId: "f-old", restrictedTo: ["art_medicine"] },
  { fundId: "f-mid", restrictedTo: null },
  { fundId: "f-new", restrictedTo: ["grocery_kit", "cash_benefit"] },
];
const balances = () =>
  new Map([
    ["f-old", 1_000],
    ["f-mid", 300],
    ["f-new", 500],
  ]);
const kit = (valuePaise: number, fundingKind = "auto", fundId: string | null = null) => ({
  service: "grocery_kit",
  valuePaise,
  fundingKind,
  fundId,
});

describe("allocate", () => {
  it("takes auto funding from the allowed funds oldest first, splitting across them", () => {
    const left = balances();
    expect(allocate(kit(600), FUNDS, left)).toEqual([
      { fundId: "f-mid", paise: 300 },
      { fundId: "f-new", paise: 300 },
    ]);
    expect(left).toEqual(balances().set("f-mid", 0).set("f-new", 200));
    expect(allocate(kit(500), FUNDS, left)).toEqual([{ fundId: "f-new", paise: 200 }]);
    expect(allocate(kit(500), FUNDS, left)).toEqual([]);
  });

  it("takes a named fund up to its balance and leaves the rest unfunded", () => {
    const left = balances();
    expect(allocate(kit(400, "fund", "f-mid"), FUNDS, left)).toEqual([{ fundId: "f-mid", paise: 300 }]);
    expect(left.get("f-mid")).toBe(0);
  });

  it("never takes from a scheme, an unknown fund, or a fund whose restriction excludes the service", () => {
    const left = balances();
    expect(allocate({ ...kit(100), fundingKind: "scheme" }, FUNDS, left)).toEqual([]);
    expect(allocate(kit(100, "fund", "f-other-cbo"), FUNDS, left)).toEqual([]);
    expect(allocate(kit(100, "fund", "f-old"), FUNDS, left)).toEqual([]);
    expect(allocate(kit(0), FUNDS, left)).toEqual([]);
    expect(left).toEqual(balances());
  });
});

import { describe, expect, it } from "vitest";
import { formatCount, formatMonth, formatRupees, rupeesInWords } from "./format.js";

describe("figures for people", () => {
  it("group counts and rupees the Indian way, in each language's digits", () => {
    expect(formatCount(1_234_567, "en")).toBe("12,34,567");
    expect(formatRupees(123_456_750, "en")).toBe("₹12,34,567.50");
    expect(formatRupees(100, "en")).toBe("₹1");
    expect(formatCount(120_000, "bn")).toBe("১,২০,০০০");
  });

  it("say large sums in lakh and crore, rounding down so the headline never overstates", () => {
    expect(rupeesInWords(68_00_00_000_00, "en")).toEqual({ unit: "crore", amount: "68" });
    expect(rupeesInWords(2_12_70_15_00, "en")).toEqual({ unit: "lakh", amount: "21.27" });
    expect(rupeesInWords(99_999_99, "en")).toEqual({ unit: "rupees", amount: "₹99,999.99" });
    expect(rupeesInWords(1_99_99_999_00, "en")).toEqual({ unit: "crore", amount: "1.99" });
  });

  it("name months in the reader's language", () => {
    expect(formatMonth("2021-05", "en")).toBe("May 2021");
    expect(formatMonth("2021-05", "hi")).toContain("2021");
  });
});

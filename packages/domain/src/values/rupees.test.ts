import { describe, expect, it } from "vitest";
import { paiseAsRupees } from "./rupees.js";

describe("paiseAsRupees", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [150_000, "1500.00"],
    [123_456_789, "1234567.89"],
    [Number.MAX_SAFE_INTEGER, "90071992547409.91"],
  ])("writes %d paise as %s rupees", (paise, rupees) => {
    expect(paiseAsRupees(paise)).toBe(rupees);
  });

  it("refuses a fraction of a paisa", () => {
    expect(() => paiseAsRupees(1.5)).toThrow(RangeError);
  });
});

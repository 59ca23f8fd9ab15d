import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isVerhoeffValid, verhoeffCheckDigit } from "./verhoeff.js";

describe("Verhoeff check digit", () => {
  // The worked examples in Verhoeff's literature and on Wikipedia: 236 -> 2363, 12345 -> 123451.
  it.each([
    ["236", 3],
    ["12345", 1],
    ["75872", 2],
    ["23412341234", 6],
  ])("computes the check digit of %s as %i", (digits, check) => {
    expect(verhoeffCheckDigit(digits)).toBe(check);
    expect(isVerhoeffValid(`${digits}${check}`)).toBe(true);
  });

  it("rejects every other last digit", () => {
    const wrong = [0, 1, 2, 4, 5, 6, 7, 8, 9].filter((digit) => isVerhoeffValid(`236${digit}`));
    expect(wrong).toEqual([]);
  });

  it("rejects anything that is not a string of digits", () => {
    expect(isVerhoeffValid("")).toBe(false);
    expect(isVerhoeffValid("236 3")).toBe(false);
    expect(() => verhoeffCheckDigit("23a")).toThrow(TypeError);
  });

  // Exhaustive, so a wrong entry in rows 0-5 of the permutation table cannot hide (a mistyped row 4
  // once passed 480001 for 840001); the random property below also reaches rows 6 and 7.
  it("detects every adjacent transposition in every number of five digits plus check", () => {
    const missed: string[] = [];
    for (let n = 0; n < 100_000; n++) {
      const base = String(n).padStart(5, "0");
      const valid = `${base}${verhoeffCheckDigit(base)}`;
      for (let j = 0; j < valid.length - 1; j++) {
        if (valid[j] === valid[j + 1]) continue;
        const swapped = `${valid.slice(0, j)}${valid[j + 1]}${valid[j]}${valid.slice(j + 2)}`;
        if (isVerhoeffValid(swapped)) missed.push(swapped);
      }
    }
    expect(missed).toEqual([]);
  });

  it("detects every single-digit substitution and adjacent transposition", () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 20 }).map((d) => d.join(""));
    fc.assert(
      fc.property(digits, fc.nat(), fc.integer({ min: 1, max: 9 }), (base, at, delta) => {
        const valid = `${base}${verhoeffCheckDigit(base)}`;
        const i = at % valid.length;
        const substituted = `${valid.slice(0, i)}${(Number(valid[i]) + delta) % 10}${valid.slice(i + 1)}`;
        expect(isVerhoeffValid(substituted)).toBe(false);
        const j = at % (valid.length - 1);
        const swapped = `${valid.slice(0, j)}${valid[j + 1]}${valid[j]}${valid.slice(j + 2)}`;
        expect(isVerhoeffValid(swapped)).toBe(swapped === valid);
      }),
      { numRuns: 2000 },
    );
  });
});

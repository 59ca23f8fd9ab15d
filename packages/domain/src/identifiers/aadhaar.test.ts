import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VALID_AADHAAR, validAadhaar } from "../testing/identities.testkit.js";
import { AADHAAR_REASONS, normalizeAadhaar } from "./aadhaar.js";

describe("normalizeAadhaar", () => {
  it.each([
    ["234123412346", "234123412346"],
    ["2341 2341 2346", "234123412346"],
    ["2341-2341-2346", "234123412346"],
    ["  4991 8765 4323 ", "499187654323"],
    ["9876\u00a05432\u00a01012", "987654321012"],
  ])("accepts %j as %s", (raw, normalized) => {
    expect(normalizeAadhaar(raw)).toEqual({ ok: true, normalized });
  });

  it.each([
    ["234123412347", AADHAAR_REASONS.checkDigit],
    ["234123412364", AADHAAR_REASONS.checkDigit],
    ["23412341234", AADHAAR_REASONS.length],
    ["2341234123466", AADHAAR_REASONS.length],
    ["034123412346", AADHAAR_REASONS.leadingDigit],
    ["134123412346", AADHAAR_REASONS.leadingDigit],
    ["XXXX XXXX 2346", AADHAAR_REASONS.characters],
    ["2341.2341.2346", AADHAAR_REASONS.characters],
    ["   ", AADHAAR_REASONS.empty],
    [234123412346, AADHAAR_REASONS.notText],
    ["2".repeat(101), AADHAAR_REASONS.tooLong],
  ])("rejects %j: %s", (raw, reason) => {
    expect(normalizeAadhaar(raw)).toMatchObject({ ok: false, reason });
  });

  it("pins test numbers that really are valid", () => {
    expect(VALID_AADHAAR.map((n) => normalizeAadhaar(n).ok)).toEqual([true, true, true, true]);
  });

  it("accepts every number with a correct check digit and rejects it with any one digit changed", () => {
    fc.assert(
      fc.property(validAadhaar(), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (n, at, delta) => {
        expect(normalizeAadhaar(n)).toEqual({ ok: true, normalized: n });
        const changed = `${n.slice(0, at)}${(Number(n[at]) + delta) % 10}${n.slice(at + 1)}`;
        expect(normalizeAadhaar(changed).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VALID_AADHAAR, eachSpelling, validAadhaar } from "../testing/identities.testkit.js";
import { AADHAAR_REASONS, normalizeAadhaar } from "./aadhaar.js";

describe("normalizeAadhaar", () => {
  it.each(
    eachSpelling([
      ["234123412346", ["234123412346", "2341 2341 2346", "2341-2341-2346"]],
      ["499187654323", ["  4991 8765 4323 "]],
      ["987654321012", ["9876\u00a05432\u00a01012"]],
    ]),
  )("accepts %j as %s", (raw, normalized) => {
    expect(normalizeAadhaar(raw)).toEqual({ ok: true, normalized });
  });

  it.each(
    eachSpelling([
      [AADHAAR_REASONS.checkDigit, ["234123412347", "234123412364"]],
      [AADHAAR_REASONS.length, ["23412341234", "2341234123466"]],
      [AADHAAR_REASONS.leadingDigit, ["034123412346", "134123412346"]],
      [AADHAAR_REASONS.characters, ["XXXX XXXX 2346", "2341.2341.2346"]],
      [AADHAAR_REASONS.empty, ["   "]],
      [AADHAAR_REASONS.notText, [234123412346]],
      [AADHAAR_REASONS.tooLong, ["2".repeat(101)]],
    ]),
  )("rejects %j: %s", (raw, reason) => {
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

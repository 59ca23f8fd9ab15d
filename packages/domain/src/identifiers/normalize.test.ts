import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validAadhaar } from "../testing/identities.testkit.js";
import { AADHAAR_REASONS } from "./aadhaar.js";
import { MEMBER_ID_REASONS, RATION_CARD_REASONS, VOTER_ID_REASONS } from "./documents.js";
import { normalizeIdentifier } from "./normalize.js";
import { PHONE_REASONS } from "./phone.js";
import { IDENTIFIER_TYPES, type IdentifierType } from "./types.js";

const REASONS: Record<IdentifierType, readonly string[]> = {
  aadhaar: Object.values(AADHAAR_REASONS),
  phone: Object.values(PHONE_REASONS),
  ration_card: Object.values(RATION_CARD_REASONS),
  voter_id: Object.values(VOTER_ID_REASONS),
  member_id: Object.values(MEMBER_ID_REASONS),
};

const identifierType = fc.constantFrom(...IDENTIFIER_TYPES);
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(..."0123456789 +-()./ABCxyz".split("")), maxLength: 30 }),
);
// Values that mostly pass, written the ways people write them.
const likelyValid = fc.oneof(
  validAadhaar().map((n) => `${n.slice(0, 4)} ${n.slice(4, 8)}-${n.slice(8)}`),
  fc
    .tuple(fc.constantFrom("", "+91 ", "0", "91", "0091-"), fc.stringMatching(/^[6-9][0-9]{9}$/))
    .map((parts) => parts.join("")),
  fc.stringMatching(/^ ?[A-Za-z]{3} ?[0-9]{7} ?$/),
);

// What identity numbers look like: at least four digits in a row, which no reason contains.
const digitHeavy = fc
  .tuple(fc.string({ maxLength: 6 }), fc.stringMatching(/^[0-9]{4,14}$/), fc.string({ maxLength: 6 }))
  .map((parts) => parts.join(""));

describe("normalizeIdentifier", () => {
  it("dispatches on the type", () => {
    expect(normalizeIdentifier("phone", "+91 98765 43210")).toEqual({ ok: true, normalized: "9876543210" });
    expect(normalizeIdentifier("member_id", "sw-1")).toEqual({ ok: true, normalized: "SW-1" });
    expect(normalizeIdentifier("unknown" as IdentifierType, "x").ok).toBe(false);
  });

  it("fails only with one of its fixed reasons, whatever the input", () => {
    fc.assert(
      fc.property(identifierType, anyText, (type, raw) => {
        const result = normalizeIdentifier(type, raw);
        if (!result.ok) expect(REASONS[type]).toContain(result.reason);
      }),
      { numRuns: 2000 },
    );
  });

  it("never puts the input, or its digits, into a reason", () => {
    fc.assert(
      fc.property(identifierType, digitHeavy, (type, raw) => {
        const result = normalizeIdentifier(type, raw);
        if (result.ok) return;
        expect(result.reason).not.toContain(raw);
        expect(result.reason).not.toContain(raw.replace(/\D/g, ""));
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent: a normalised value normalises to itself", () => {
    let normalised = 0;
    fc.assert(
      fc.property(identifierType, fc.oneof(anyText, likelyValid), (type, raw) => {
        const first = normalizeIdentifier(type, raw);
        if (!first.ok) return;
        normalised++;
        expect(normalizeIdentifier(type, first.normalized)).toEqual(first);
      }),
      { numRuns: 2000 },
    );
    // Guards the property against passing only because nothing generated was valid.
    expect(normalised).toBeGreaterThan(200);
  });
});

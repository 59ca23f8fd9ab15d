import { describe, expect, it } from "vitest";
import { AADHAAR_REASONS } from "../identifiers/aadhaar.js";
import { PHONE_REASONS } from "../identifiers/phone.js";
import { createPseudonymizer } from "./pseudonymizer.js";
import { pseudonymizeRefs, type RawBeneficiaryRef } from "./refs.js";

const pseudonymizer = createPseudonymizer({ keyId: "pk-1", key: Buffer.alloc(32, 1) });

type Pair = [RawBeneficiaryRef["type"], string];
/** Sangama's documents, given as [type, value] pairs, through pseudonymizeRefs. */
const ofSangama = (refs: Pair[], path?: string) =>
  pseudonymizeRefs(
    refs.map(([type, value]) => ({ type, value })),
    "sangama-blr",
    pseudonymizer,
    path,
  );

describe("pseudonymizeRefs", () => {
  it("replaces each value with its pseudonym, keeping the order given", () => {
    const result = ofSangama([
      ["phone", "+91 98765 43210"],
      ["aadhaar", "2341 2341 2346"],
    ]);
    expect(result).toEqual({
      ok: true,
      refs: [
        pseudonymizer.pseudonymize("phone", "9876543210", "sangama-blr"),
        pseudonymizer.pseudonymize("aadhaar", "234123412346", "sangama-blr"),
      ],
    });
    expect(JSON.stringify(result)).not.toMatch(/98765|2341/);
  });

  it("collapses documents that normalise to the same pseudonym", () => {
    const result = ofSangama([
      ["phone", "09876543210"],
      ["member_id", "sw-1"],
      ["phone", "+91-98765-43210"],
      ["member_id", "SW-1"],
    ]);
    expect(result.ok && result.refs.map((ref) => ref.type)).toEqual(["phone", "member_id"]);
  });

  it("lists every bad value by path, never echoing it", () => {
    const result = ofSangama([
      ["aadhaar", "2341 2341 2347"],
      ["phone", "+91 98765 43210"],
      ["phone", "011 2345 6789"],
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "beneficiaryRefs.0.value", message: AADHAAR_REASONS.checkDigit },
        { path: "beneficiaryRefs.2.value", message: PHONE_REASONS.mobile },
      ],
    });
    expect(JSON.stringify(result)).not.toMatch(/2341|2345/);
  });

  it("prefixes paths with the caller's base path", () => {
    const result = ofSangama([["voter_id", "AB1"]], "distributions.4.beneficiaryRefs");
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual([
      "distributions.4.beneficiaryRefs.0.value",
    ]);
  });

  it("needs one to five documents", () => {
    expect(ofSangama([])).toMatchObject({
      ok: false,
      errors: [{ path: "beneficiaryRefs" }],
    });
    const six = Array.from({ length: 6 }, (_, i): Pair => ["member_id", `m${i}`]);
    expect(ofSangama(six).ok).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { AADHAAR_REASONS } from "../identifiers/aadhaar.js";
import { PHONE_REASONS } from "../identifiers/phone.js";
import { createPseudonymizer } from "./pseudonymizer.js";
import { pseudonymizeRefs } from "./refs.js";

const pseudonymizer = createPseudonymizer({ keyId: "pk-1", key: Buffer.alloc(32, 1) });

describe("pseudonymizeRefs", () => {
  it("replaces each value with its pseudonym, keeping the order given", () => {
    const result = pseudonymizeRefs(
      [
        { type: "phone", value: "+91 98765 43210" },
        { type: "aadhaar", value: "2341 2341 2346" },
      ],
      "sangama-blr",
      pseudonymizer,
    );
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
    const result = pseudonymizeRefs(
      [
        { type: "phone", value: "09876543210" },
        { type: "member_id", value: "sw-1" },
        { type: "phone", value: "+91-98765-43210" },
        { type: "member_id", value: "SW-1" },
      ],
      "sangama-blr",
      pseudonymizer,
    );
    expect(result.ok && result.refs.map((ref) => ref.type)).toEqual(["phone", "member_id"]);
  });

  it("lists every bad value by path, never echoing it", () => {
    const result = pseudonymizeRefs(
      [
        { type: "aadhaar", value: "2341 2341 2347" },
        { type: "phone", value: "+91 98765 43210" },
        { type: "phone", value: "011 2345 6789" },
      ],
      "sangama-blr",
      pseudonymizer,
    );
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
    const result = pseudonymizeRefs(
      [{ type: "voter_id", value: "AB1" }],
      "sangama-blr",
      pseudonymizer,
      "distributions.4.beneficiaryRefs",
    );
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual([
      "distributions.4.beneficiaryRefs.0.value",
    ]);
  });

  it("needs one to five documents", () => {
    expect(pseudonymizeRefs([], "sangama-blr", pseudonymizer)).toMatchObject({
      ok: false,
      errors: [{ path: "beneficiaryRefs" }],
    });
    const six = Array.from({ length: 6 }, (_, i) => ({ type: "member_id" as const, value: `m${i}` }));
    expect(pseudonymizeRefs(six, "sangama-blr", pseudonymizer).ok).toBe(false);
  });
});

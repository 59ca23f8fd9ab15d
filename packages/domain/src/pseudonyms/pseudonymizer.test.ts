import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { BeneficiaryRefSchema } from "./beneficiary-ref.js";
import { createPseudonymizer } from "./pseudonymizer.js";

const KEY = Buffer.alloc(32, 7);
const pseudonymizer = createPseudonymizer({ keyId: "pk-2025-01", key: KEY });

describe("createPseudonymizer", () => {
  it("is HMAC-SHA256 over type:normalised, in lowercase hex", () => {
    const expected = createHmac("sha256", KEY).update("aadhaar:234123412346").digest("hex");
    expect(pseudonymizer.pseudonymize("aadhaar", "234123412346", "sangama-blr")).toEqual({
      type: "aadhaar",
      pseudonym: expected,
      keyId: "pk-2025-01",
    });
  });

  it("scopes member_id by CBO: member_id:cboId:normalised", () => {
    const expected = createHmac("sha256", KEY).update("member_id:sangama-blr:SW-014").digest("hex");
    expect(pseudonymizer.pseudonymize("member_id", "SW-014", "sangama-blr").pseudonym).toBe(expected);
  });

  it("gives the same member code in two CBOs two pseudonyms", () => {
    const a = pseudonymizer.pseudonymize("member_id", "SW-014", "sangama-blr");
    const b = pseudonymizer.pseudonymize("member_id", "SW-014", "vamp-sangli");
    expect(a.pseudonym).not.toBe(b.pseudonym);
  });

  it("gives the same Aadhaar or phone in two CBOs one pseudonym", () => {
    for (const [type, value] of [
      ["aadhaar", "234123412346"],
      ["phone", "9876543210"],
    ] as const) {
      const a = pseudonymizer.pseudonymize(type, value, "sangama-blr");
      const b = pseudonymizer.pseudonymize(type, value, "vamp-sangli");
      expect(a).toEqual(b);
    }
  });

  it("is deterministic and separates types and keys", () => {
    const once = pseudonymizer.pseudonymize("phone", "9876543210", "sangama-blr");
    expect(pseudonymizer.pseudonymize("phone", "9876543210", "sangama-blr")).toEqual(once);
    expect(pseudonymizer.pseudonymize("member_id", "9876543210", "sangama-blr").pseudonym).not.toBe(once.pseudonym);
    const rotated = createPseudonymizer({ keyId: "pk-2026-01", key: Buffer.alloc(32, 8) });
    const later = rotated.pseudonymize("phone", "9876543210", "sangama-blr");
    expect(later.keyId).toBe("pk-2026-01");
    expect(later.pseudonym).not.toBe(once.pseudonym);
  });

  it("makes refs that the stored schema accepts and that hold no raw value", () => {
    const ref = pseudonymizer.pseudonymize("aadhaar", "234123412346", "sangama-blr");
    expect(BeneficiaryRefSchema.parse(ref)).toEqual(ref);
    expect(JSON.stringify(ref)).not.toContain("234123412346");
  });

  it("keeps its own copy of the key, out of sight", () => {
    const key = Buffer.alloc(32, 9);
    const own = createPseudonymizer({ keyId: "k1", key });
    const before = own.pseudonymize("phone", "9876543210", "sangama-blr");
    key.fill(0);
    expect(own.pseudonymize("phone", "9876543210", "sangama-blr")).toEqual(before);
    const hex = Buffer.alloc(32, 9).toString("hex");
    expect(JSON.stringify(own)).not.toContain(hex);
    expect(inspect(own, { depth: 5, showHidden: true })).not.toMatch(/09, 09|0909/);
  });

  it("rejects keys shorter than 32 bytes and bad key ids, without showing the key", () => {
    const short = Buffer.from("a secret of thirty-one bytes ok!".slice(0, 31));
    expect(() => createPseudonymizer({ keyId: "k1", key: short })).toThrow(/at least 32 bytes/);
    try {
      createPseudonymizer({ keyId: "k1", key: short });
    } catch (error) {
      expect(String(error)).not.toContain("secret");
    }
    expect(() => createPseudonymizer({ keyId: "", key: KEY })).toThrow(/keyId/);
    expect(() => createPseudonymizer({ keyId: "has space", key: KEY })).toThrow(/keyId/);
  });

  it("refuses to hash without a valid CBO or value", () => {
    expect(() => pseudonymizer.pseudonymize("member_id", "SW-1", "Bad CBO")).toThrow(/cboId/);
    expect(() => pseudonymizer.pseudonymize("phone", "", "sangama-blr")).toThrow(/normalised/);
  });
});

import { describe, expect, it } from "vitest";
import { authenticate, createApiKey, hashToken } from "./api-keys.js";

describe("API keys", () => {
  const { token, record } = createApiKey({ role: "cbo", cboId: "ashodaya-samithi" });
  const keys = new Map([[record.keyId, record]]);

  it("keeps only the SHA-256 of the token", () => {
    // The FIPS 180-2 test vector: files written by any version of the ledger keep verifying.
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(record.hash).toBe(hashToken(token));
    // The secret: all after "rlk_<12-hex key id>_"; base64url, so it may hold "_" itself.
    expect(JSON.stringify(record)).not.toContain(token.slice("rlk_".length + 13));
  });

  it("authenticates the token to its role and scope", () => {
    expect(authenticate(token, keys)).toEqual({ role: "cbo", keyId: record.keyId, cboId: "ashodaya-samithi" });
  });

  it("refuses a token with one character of its secret changed, an unknown id, or garbage", () => {
    const last = token.at(-1) === "A" ? "B" : "A";
    expect(authenticate(token.slice(0, -1) + last, keys)).toBeUndefined();
    expect(authenticate(createApiKey({ role: "admin" }).token, keys)).toBeUndefined();
    expect(authenticate("not a token", keys)).toBeUndefined();
  });

  it("checks a re-read key file's record against its own hash, not one remembered for its keyId", () => {
    expect(authenticate(token, keys)).toBeDefined();
    const replaced = { ...record, hash: hashToken(createApiKey({ role: "cbo", cboId: "ashodaya-samithi" }).token) };
    expect(authenticate(token, new Map([[record.keyId, replaced]]))).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { authenticate, createApiKey, hashToken } from "./api-keys.js";

describe("API keys", () => {
  const { token, record } = createApiKey({ role: "cbo", cboId: "ashodaya-samithi" });
  const keys = new Map([[record.keyId, record]]);

  it("keeps only the SHA-256 of the token", () => {
    expect(record.hash).toBe(hashToken(token));
    expect(JSON.stringify(record)).not.toContain(token.split("_")[2]);
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
});

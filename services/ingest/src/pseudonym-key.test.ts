import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPseudonymizer } from "./pseudonym-key.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-pkey-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KEY = "0f".repeat(32);

describe("the pseudonym key", () => {
  it("is required outside demo mode", () => {
    expect(() => loadPseudonymizer({ demo: false, dataDir: dir })).toThrow(/no pseudonym key/);
  });

  it("comes from the environment in hex or base64, and both give the same pseudonyms", () => {
    const hex = loadPseudonymizer({ key: KEY, demo: false, dataDir: dir });
    const base64 = loadPseudonymizer({ key: Buffer.from(KEY, "hex").toString("base64"), demo: false, dataDir: dir });
    expect(base64.pseudonymize("phone", "9845012345", "x-cbo")).toEqual(
      hex.pseudonymize("phone", "9845012345", "x-cbo"),
    );
    expect(hex.keyId).toMatch(/^key-[0-9a-f]{8}$/);
  });

  it("comes from a key file, with the id the operator chose", () => {
    const file = join(dir, "operator.key");
    writeFileSync(file, KEY + "\n");
    expect(loadPseudonymizer({ keyFile: file, keyId: "2026-11", demo: false, dataDir: dir }).keyId).toBe("2026-11");
  });

  it("refuses a key shorter than 32 bytes", () => {
    expect(() => loadPseudonymizer({ key: "ab".repeat(16), demo: false, dataDir: dir })).toThrow(/at least 32 bytes/);
  });

  it("in demo mode is created once beside the data, owner-only, and reused", () => {
    const first = loadPseudonymizer({ demo: true, dataDir: dir });
    const file = join(dir, "pseudonym.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadPseudonymizer({ demo: true, dataDir: dir });
    expect(again.pseudonymize("aadhaar", "234567890124", "x-cbo")).toEqual(
      first.pseudonymize("aadhaar", "234567890124", "x-cbo"),
    );
    expect(readFileSync(file, "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it("never shows itself in the pseudonymizer", () => {
    expect(JSON.stringify(loadPseudonymizer({ key: KEY, demo: false, dataDir: dir }))).not.toContain(KEY);
  });
});

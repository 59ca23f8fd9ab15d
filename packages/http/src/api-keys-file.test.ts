import { readFileSync, statSync } from "node:fs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey } from "./api-keys.js";
import { addToApiKeysFile, readApiKeysFile } from "./api-keys-file.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("API keys file", () => {
  it("adds records, readable back, owner-only, with no secret in it", () => {
    const file = join(dir, "keys.json");
    const admin = createApiKey({ role: "admin" });
    const donor = createApiKey({ role: "donor", donorId: "azim-trust" });
    addToApiKeysFile(file, admin.record);
    addToApiKeysFile(file, donor.record);
    expect([...readApiKeysFile(file).keys()]).toEqual([admin.record.keyId, donor.record.keyId]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain(admin.token);
    expect(text).not.toContain(donor.token);
  });

  it("reads a missing file as no keys and refuses a malformed one", () => {
    expect(readApiKeysFile(join(dir, "absent.json")).size).toBe(0);
    const file = join(dir, "bad.json");
    addToApiKeysFile(file, createApiKey({ role: "auditor" }).record);
    const text = readFileSync(file, "utf8").replace('"auditor"', '"root"');
    writeFileSync(file, text);
    expect(() => readApiKeysFile(file)).toThrow(/not a valid API keys file/);
  });
});

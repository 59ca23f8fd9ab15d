import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey } from "./api-keys.js";
import { addToApiKeysFile, ApiKeysFileError, revokeApiKeys } from "./api-keys-file.js";
import { lastUsedFile, readLastUsed, usageRecorder } from "./key-usage.js";
import { fileKeyring } from "./keyring.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-keyring-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capture = () => {
  const errors: { details: object; message: string }[] = [];
  return { errors, log: { error: (details: object, message: string) => errors.push({ details, message }) } };
};

describe("a keyring on the keys file", () => {
  it("refuses a revoked key from the very next authentication, with no wait", () => {
    const file = join(dir, "revoke.json");
    const admin = createApiKey({ role: "admin" });
    addToApiKeysFile(file, admin.record);
    const keyring = fileKeyring(file);
    expect(keyring.authenticate(admin.token)?.role).toBe("admin");
    revokeApiKeys(file, (record) => record.keyId === admin.record.keyId);
    expect(keyring.authenticate(admin.token)).toBeUndefined();
  });

  it("refuses to start on a damaged file, naming it and quoting none of it", () => {
    const file = join(dir, "damaged-at-start.json");
    writeFileSync(file, '{"keys": [{"keyId": "secret-looking-text"');
    expect(() => fileKeyring(file)).toThrow(ApiKeysFileError);
    expect(() => fileKeyring(file)).toThrow(new RegExp(`^${file} is not valid JSON$`));
    writeFileSync(file, JSON.stringify({ keys: [{ ...createApiKey({ role: "admin" }).record, role: "root" }] }));
    expect(() => fileKeyring(file)).toThrow(/is not a valid API keys file at keys\.0\.role/);
  });

  it("keeps the last good keys when the file is damaged later, logs it once, and reloads once it is fixed", () => {
    const file = join(dir, "damaged-later.json");
    const admin = createApiKey({ role: "admin" });
    const auditor = createApiKey({ role: "auditor" });
    addToApiKeysFile(file, admin.record);
    const keyring = fileKeyring(file);
    const { errors, log } = capture();
    keyring.setLog!(log);
    writeFileSync(`${file}.new`, '{"keys": [');
    renameSync(`${file}.new`, file);
    expect(keyring.authenticate(admin.token)?.role).toBe("admin");
    expect(keyring.authenticate(admin.token)?.role).toBe("admin");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe(
      `${file} is not valid JSON; the keys read before stay in force until the file is fixed`,
    );
    writeFileSync(file, JSON.stringify({ keys: [auditor.record] }));
    expect(keyring.authenticate(admin.token)).toBeUndefined();
    expect(keyring.authenticate(auditor.token)?.role).toBe("auditor");
  });
});

describe("last-used notes", () => {
  it("note the hour, write nothing per request, and merge across services on flush", () => {
    const keysFile = join(dir, "usage.json");
    const ingest = usageRecorder(keysFile, "ingest", 3_600_000);
    const query = usageRecorder(keysFile, "query", 3_600_000);
    const at = Date.parse("2026-11-26T10:42:13.000Z");
    for (let i = 0; i < 1_000; i++) ingest.used("aaaaaaaaaaaa", at + i);
    expect(readLastUsed(keysFile).size).toBe(0); // nothing written yet: notes stay in memory
    query.used("aaaaaaaaaaaa", at + 3_600_000);
    query.used("bbbbbbbbbbbb", at);
    ingest.close();
    query.close();
    expect(readLastUsed(keysFile)).toEqual(
      new Map([
        ["aaaaaaaaaaaa", "2026-11-26T11:00:00.000Z"],
        ["bbbbbbbbbbbb", "2026-11-26T10:00:00.000Z"],
      ]),
    );
    expect(JSON.parse(readFileSync(lastUsedFile(keysFile, "ingest"), "utf8"))).toEqual({
      lastUsed: { aaaaaaaaaaaa: "2026-11-26T10:00:00.000Z" },
    });
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKeyPem } from "@relief-ledger/audit";
import { authenticate, readApiKeysFile } from "@relief-ledger/http";
import { afterAll, describe, expect, it } from "vitest";
import { ledger } from "../testing/capture.testkit.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tokenIn = (stdout: string): string => stdout.match(/^rlk_\S+$/m)?.[0] ?? "";

describe("ledger keys create", () => {
  it("adds a hash-only record, prints the token once with the advice to store it, and the token authenticates", async () => {
    const file = join(dir, "keys.json");
    const result = await ledger([
      "keys",
      "create",
      "--role",
      "cbo",
      "--cbo",
      "ashodaya-samithi",
      "--label",
      "field laptop",
      "--file",
      file,
    ]);
    expect(result.code).toBe(0);
    const token = tokenIn(result.stdout);
    expect(result.stdout.split(token)).toHaveLength(2);
    expect(result.stdout).toMatch(/Store this token now/);
    expect(result.stdout).toMatch(/role cbo, scope cbo ashodaya-samithi/);
    expect(readFileSync(file, "utf8")).not.toContain(token);
    expect(authenticate(token, readApiKeysFile(file))).toMatchObject({ role: "cbo", cboId: "ashodaya-samithi" });
  });

  it("registers a witness key with the witness's verifier key, and refuses one without or with a bad one", async () => {
    const file = join(dir, "witness-keys.json");
    const witnessKey = join(dir, "witness-key.pem");
    writeFileSync(witnessKey, generateSigningKeyPem());
    const vkey = join(dir, "witness.vkey");
    const printed = await ledger(["witness", "--signing-key", witnessKey, "--name", "donor.example/w", "--print-key"]);
    writeFileSync(vkey, printed.stdout);
    const created = await ledger(["keys", "create", "--role", "witness", "--witness-key", vkey, "--file", file]);
    expect(created).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/role witness, scope witness donor\.example\/w/),
    });
    expect(authenticate(tokenIn(created.stdout), readApiKeysFile(file))).toMatchObject({ role: "witness" });
    expect([...readApiKeysFile(file).values()][0]!.witnessKey).toBe(printed.stdout.trim());
    expect(await ledger(["keys", "create", "--role", "witness", "--file", file])).toMatchObject({ code: 2 });
    writeFileSync(join(dir, "bad.vkey"), "donor.example/w+00000000+AAAA");
    expect(
      await ledger(["keys", "create", "--role", "witness", "--witness-key", join(dir, "bad.vkey"), "--file", file]),
    ).toMatchObject({ code: 2 });
    expect(await ledger(["keys", "create", "--role", "auditor", "--witness-key", vkey, "--file", file])).toMatchObject({
      code: 2,
    });
  });

  it("defaults to $LEDGER_API_KEYS_FILE, else api-keys.json in $LEDGER_DATA_DIR, creating the directory", async () => {
    const named = join(dir, "named.json");
    expect((await ledger(["keys", "create", "--role", "auditor"], { LEDGER_API_KEYS_FILE: named })).code).toBe(0);
    expect(readApiKeysFile(named).size).toBe(1);
    const dataDir = join(dir, "data", "nested");
    expect((await ledger(["keys", "create", "--role", "admin"], { LEDGER_DATA_DIR: dataDir })).code).toBe(0);
    expect(existsSync(join(dataDir, "api-keys.json"))).toBe(true);
  });

  it.each([
    [["--role", "cbo"], /a cbo key needs --cbo/],
    [["--role", "admin", "--cbo", "ashodaya-samithi"], /--cbo is only for a cbo key/],
    [["--role", "donor"], /a donor key needs --donor/],
    [["--role", "cbo", "--cbo", "ashodaya-samithi", "--donor", "azim-trust"], /--donor is only for a donor key/],
    [["--role", "cbo", "--cbo", "Ashodaya Samithi"], /--cbo must be a lowercase slug/],
    [["--role", "root"], /Allowed choices are admin, cbo, donor, auditor/],
    [[], /required option '--role <role>'/],
  ])("refuses %j with exit code 2 and writes nothing", async (flags, message) => {
    const file = join(dir, "refused.json");
    const result = await ledger(["keys", "create", ...flags, "--file", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toMatch(/rlk_/);
    expect(existsSync(file)).toBe(false);
  });
});

describe("ledger keys list", () => {
  it("shows ids, roles, scopes, labels and dates, never hashes or tokens", async () => {
    const file = join(dir, "list.json");
    const donor = await ledger(["keys", "create", "--role", "donor", "--donor", "azim-trust", "--file", file]);
    await ledger(["keys", "create", "--role", "auditor", "--label", "annual audit", "--file", file]);
    const result = await ledger(["keys", "list", "--file", file]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^keyId\s+role\s+scope\s+label\s+createdAt$/);
    expect(lines[1]).toMatch(/^[0-9a-f]{12}\s+donor\s+donor azim-trust\s+\d{4}-/);
    expect(lines[2]).toMatch(/auditor\s+coalition-wide\s+annual audit/);
    for (const record of readApiKeysFile(file).values()) expect(result.stdout).not.toContain(record.hash);
    expect(result.stdout).not.toContain(tokenIn(donor.stdout).slice(17));
  });

  it("says so when there are no keys", async () => {
    const result = await ledger(["keys", "list", "--file", join(dir, "none.json")]);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^No API keys in /) });
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKeyPem } from "@relief-ledger/audit";
import { authenticate, readApiKeysFile } from "@relief-ledger/http";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { cbo, donor, toAppend } from "@relief-ledger/projections/testing";
import { cboStream, donorStream } from "@relief-ledger/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../io.js";
import { ledger as run } from "../testing/capture.testkit.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A data directory with no store in it, unless a test names one: the cwd's .data is never read.
const ledger = (argv: string[], env: Io["env"] = {}) => run(argv, { LEDGER_DATA_DIR: join(dir, "no-data"), ...env });

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
    expect(lines[0]).toMatch(/^keyId\s+role\s+scope\s+label\s+createdAt\s+lastUsed\s+status$/);
    expect(lines[1]).toMatch(/^[0-9a-f]{12}\s+donor\s+donor azim-trust\s+\d{4}-\S+\s+never\s+active$/);
    expect(lines[2]).toMatch(/auditor\s+coalition-wide\s+annual audit\s+\d{4}-\S+\s+never\s+active$/);
    for (const record of readApiKeysFile(file).values()) expect(result.stdout).not.toContain(record.hash);
    expect(result.stdout).not.toContain(tokenIn(donor.stdout).slice(17));
  });

  it("says so when there are no keys", async () => {
    const result = await ledger(["keys", "list", "--file", join(dir, "none.json")]);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^No API keys in /) });
  });
});

describe("ledger keys revoke", () => {
  it("ends keys by id or by label at once: the token no longer authenticates, and list says when", async () => {
    const file = join(dir, "revoke.json");
    const first = await ledger(["keys", "create", "--role", "auditor", "--file", file]);
    const loaders = [1, 2].map(() =>
      ledger(["keys", "create", "--role", "admin", "--label", "demo-loader", "--file", file]),
    );
    const kept = await ledger(["keys", "create", "--role", "admin", "--label", "operator", "--file", file]);
    const tokens = [first, ...(await Promise.all(loaders)), kept].map((r) => tokenIn(r.stdout));
    const keyIdOf = (token: string) => token.slice(4, 16);

    const byId = await ledger(["keys", "revoke", keyIdOf(tokens[0]!), "--file", file]);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toMatch(new RegExp(`^Revoked ${keyIdOf(tokens[0]!)} \\(role auditor, scope coalition-wide\\)`));
    const byLabel = await ledger(["keys", "revoke", "--label", "demo-loader", "--file", file]);
    expect(byLabel.stdout.match(/^Revoked /gm)).toHaveLength(2);

    const keys = readApiKeysFile(file);
    expect(tokens.map((token) => authenticate(token, keys)?.role)).toEqual([undefined, undefined, undefined, "admin"]);
    const listed = (await ledger(["keys", "list", "--file", file])).stdout;
    expect(listed.match(/revoked \d{4}-\d{2}-\d{2}T/g)).toHaveLength(3);
    expect(listed).toMatch(/operator\s+\S+\s+never\s+active/);

    const again = await ledger(["keys", "revoke", keyIdOf(tokens[0]!), "--file", file]);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/was already revoked/) });
  });

  it("refuses an unknown key id (exit 1) and a call naming nothing (exit 2), changing nothing", async () => {
    const file = join(dir, "revoke-unknown.json");
    await ledger(["keys", "create", "--role", "admin", "--file", file]);
    const before = readFileSync(file, "utf8");
    expect(await ledger(["keys", "revoke", "0123456789ab", "--file", file])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no key 0123456789ab in /),
    });
    expect((await ledger(["keys", "revoke", "--file", file])).code).toBe(2);
    expect(readFileSync(file, "utf8")).toBe(before);
  });
});

describe("ledger keys create --expires", () => {
  it("records when the key stops working; it authenticates before that and not after", async () => {
    const file = join(dir, "expires.json");
    const created = await ledger(["keys", "create", "--role", "auditor", "--expires", "2d", "--file", file]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/expires \d{4}-\d{2}-\d{2}T/);
    const token = tokenIn(created.stdout);
    const keys = readApiKeysFile(file);
    const expiresAt = Date.parse([...keys.values()][0]!.expiresAt!);
    expect(expiresAt - Date.now()).toBeGreaterThan(2 * 86_400_000 - 60_000);
    expect(authenticate(token, keys, expiresAt - 1)?.role).toBe("auditor");
    expect(authenticate(token, keys, expiresAt)).toBeUndefined();
    expect((await ledger(["keys", "list", "--file", file])).stdout).toMatch(/active, expires \d{4}-/);
  });

  it.each([["2001-01-01"], ["yesterday"], ["0d"], ["2027-02-30T00:00Z"]])(
    "refuses --expires %s with exit 2",
    async (when) => {
      const file = join(dir, "expires-refused.json");
      const result = await ledger(["keys", "create", "--role", "auditor", "--expires", when, "--file", file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--expires must be/);
      expect(existsSync(file)).toBe(false);
    },
  );
});

describe("ledger keys create checks the store for the CBO or donor it scopes", () => {
  const storeFile = join(dir, "events.db");
  beforeAll(async () => {
    const store = openSqliteEventStore({ file: storeFile });
    await store.append(cboStream("ashodaya-samithi"), [toAppend(cbo("ashodaya-samithi"))]);
    await store.append(donorStream("azim-trust"), [toAppend(donor("azim-trust"))]);
    await store.close();
  });

  it.each([
    ["cbo", "--cbo", "ashodaya-samithi", "vamp-sangli", "CBO"],
    ["donor", "--donor", "azim-trust", "nobody-trust", "donor"],
  ])(
    "a %s key: takes a registered id, refuses an unregistered one (exit 1) printing no token",
    async (role, flag, known, unknown, what) => {
      const file = join(dir, `store-${role}.json`);
      const store = ["--store", `sqlite:${storeFile}`];
      expect((await ledger(["keys", "create", "--role", role, flag, known, ...store, "--file", file])).code).toBe(0);
      const refused = await ledger(["keys", "create", "--role", role, flag, unknown, ...store, "--file", file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`no ${what} ${unknown} is registered in sqlite:${storeFile}`);
      expect(refused.stdout).not.toMatch(/rlk_/);
      expect(readApiKeysFile(file).size).toBe(1);
    },
  );

  it("finds the store as the services do ($LEDGER_DATA_DIR), and says so when there is none to ask", async () => {
    const file = join(dir, "store-default.json");
    const refused = await run(["keys", "create", "--role", "cbo", "--cbo", "vamp-sangli", "--file", file], {
      LEDGER_DATA_DIR: dir,
    });
    expect(refused.code).toBe(1);
    const unchecked = await ledger(["keys", "create", "--role", "cbo", "--cbo", "vamp-sangli", "--file", file]);
    expect(unchecked.code).toBe(0);
    expect(unchecked.stderr).toMatch(/no event store at .*, so the registration was not checked/);
  });
});

describe("a damaged keys file", () => {
  it("is refused by create, revoke and list with its name and what is wrong, and left as it is", async () => {
    const file = join(dir, "damaged.json");
    writeFileSync(file, '{"keys": [ {"keyId": "truncated');
    for (const argv of [
      ["keys", "create", "--role", "admin"],
      ["keys", "revoke", "0123456789ab"],
      ["keys", "list"],
    ]) {
      const result = await ledger([...argv, "--file", file]);
      expect(result.code, argv.join(" ")).toBe(1);
      expect(result.stderr).toBe(`ledger: ${file} is not valid JSON\n`);
      expect(result.stdout).not.toMatch(/rlk_/);
    }
    expect(readFileSync(file, "utf8")).toBe('{"keys": [ {"keyId": "truncated');
  });
});

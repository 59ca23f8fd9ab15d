import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { finished } from "@relief-ledger/event-store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFromSource, stopService, type RunningService, servicesEnv } from "./services.js";

// Key lifecycle against the real services, as processes on real ports, and the real `ledger`
// command run the way an operator runs it: create, use, revoke, list, and a damaged keys file.
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ledger-keys-e2e-"));
const keysFile = join(dir, "api-keys.json");
const base = 4300 + Math.floor(Math.random() * 250);
const env = servicesEnv(dir, keysFile, base);

const ledger = (...args: string[]) =>
  finished(
    spawn(
      process.execPath,
      ["--conditions=@relief-ledger/source", "--import", "tsx", "packages/cli/src/main.ts", ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    ),
  );

async function createKey(...flags: string[]): Promise<{ token: string; keyId: string }> {
  const result = await ledger("keys", "create", ...flags);
  expect(result.code, result.stderr).toBe(0);
  const token = result.stdout.match(/^rlk_\S+$/m)![0];
  return { token, keyId: token.slice(4, 16) };
}

const status = (url: string, token: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } }).then((r) => r.status);

const registerCbo = (ingest: RunningService, token: string, n: number) =>
  status(`${ingest.url}/v1/cbos`, token, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cboId: `cbo-${n}`, name: `CBO ${n}`, state: "IN-KA", district: "Mysuru" }),
  });

let ingest: RunningService;
let projector: RunningService;
let query: RunningService;
let admin: { token: string; keyId: string };
let auditor: { token: string; keyId: string };
let spare: { token: string; keyId: string };

beforeAll(async () => {
  admin = await createKey("--role", "admin", "--label", "e2e");
  auditor = await createKey("--role", "auditor", "--label", "e2e");
  spare = await createKey("--role", "auditor", "--label", "spare");
  ingest = await startServiceFromSource("ingest", base, env);
  // The query service answers once the projector has made the read model.
  projector = await startServiceFromSource("projector", base + 2, env);
  query = await startServiceFromSource("query", base + 1, env);
}, 120_000);
afterAll(async () => {
  for (const service of [ingest, projector, query]) if (service) await stopService(service);
  rmSync(dir, { recursive: true, force: true });
});

describe("keys against running services", () => {
  it("a key revoked by `ledger keys revoke` is refused by every running service from the next request", async () => {
    expect(await registerCbo(ingest, admin.token, 1)).toBe(201);
    expect(await status(`${query.url}/v1/flags`, auditor.token)).toBe(200);

    const revoked = await ledger("keys", "revoke", "--label", "e2e");
    expect(revoked.code, revoked.stderr).toBe(0);
    // No wait: the command has returned, so the next request must already be refused.
    expect(await registerCbo(ingest, admin.token, 2)).toBe(401);
    expect(await status(`${query.url}/v1/flags`, auditor.token)).toBe(401);
    expect(await status(`${query.url}/v1/flags`, spare.token)).toBe(200);
  });

  it("a key created while they run is accepted at once, with no restart", async () => {
    const fresh = await createKey("--role", "auditor", "--expires", "1d");
    expect(await status(`${query.url}/v1/flags`, fresh.token)).toBe(200);
  });

  it("a keys file damaged while they run keeps the last good keys in force until it is fixed", async () => {
    const good = await createKey("--role", "admin");
    expect(await registerCbo(ingest, good.token, 6)).toBe(201); // the service has read the file with it
    writeFileSync(keysFile, '{"keys": [');
    expect(await registerCbo(ingest, good.token, 3)).toBe(201);
    expect(await status(`${query.url}/v1/flags`, auditor.token)).toBe(401);
    const damaged = await ledger("keys", "list");
    expect(damaged).toMatchObject({ code: 1, stderr: `ledger: ${keysFile} is not valid JSON\n` });
    writeFileSync(keysFile, '{"keys": []}\n');
    expect(await registerCbo(ingest, good.token, 4)).toBe(401);
  });

  it("`keys list` shows the hour each key was last used, written when the services stop", async () => {
    const lister = await createKey("--role", "admin", "--label", "lister");
    const idle = await createKey("--role", "admin", "--label", "idle");
    const before = Date.now();
    expect(await registerCbo(ingest, lister.token, 5)).toBe(201);
    await stopService(ingest);
    await stopService(query);
    const listed = await ledger("keys", "list");
    expect(listed.code, listed.stderr).toBe(0);
    const lineOf = (keyId: string) => listed.stdout.split("\n").find((line) => line.startsWith(keyId)) ?? "";
    const hours = [before, Date.now()].map((t) => new Date(t - (t % 3_600_000)).toISOString());
    expect(hours.some((hour) => lineOf(lister.keyId).includes(`  ${hour}  active`))).toBe(true);
    expect(lineOf(idle.keyId)).toMatch(/\s+never\s+active$/);
  });
});

describe("a damaged keys file at start", () => {
  it("stops the service with one line naming the file and the fault, exit 1", { timeout: 60_000 }, async () => {
    const damaged = join(dir, "damaged.json");
    writeFileSync(damaged, "{ not json");
    const child = spawn(
      process.execPath,
      ["--conditions=@relief-ledger/source", "--import", "tsx", "services/ingest/src/main.ts"],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env, LEDGER_API_KEYS_FILE: damaged, LEDGER_INGEST_PORT: String(base + 5) },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const result = await finished(child);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `ingest: cannot start: ${damaged} is not valid JSON. Fix or restore it (LEDGER_API_KEYS_FILE); ` +
        "`ledger keys list` reads it the same way.\n",
    );
  });
});

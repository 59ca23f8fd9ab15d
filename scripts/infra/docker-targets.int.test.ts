import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync, type ChildProcess } from "node:child_process";
import { addToApiKeysFile, createApiKey } from "@relief-ledger/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandOf, readDockerfile } from "./dockerfile.js";
import { REPO_ROOT } from "../ci/repository-files.js";
import { deployProduction, runHealthcheck, startCommand, stopProcess, waitForHealth } from "./run-target.js";
import { portSetting, workspaceServices } from "./targets.js";

// Each image target's exact CMD, ENV and HEALTHCHECK, run as plain processes (no Docker engine
// here) from what the build stage's `pnpm deploy --prod` produces, against one temporary data
// directory standing in for the /data volume — the services in the order compose starts them.
const { stages } = readDockerfile();
const order = ["ingest", "projector", "query"];
const services = [...order, ...workspaceServices("image").filter((service) => !order.includes(service))];
const dir = mkdtempSync(join(tmpdir(), "ledger-image-"));
const volume = join(dir, "data");
const secrets = join(dir, "secrets");
const base = 4700 + Math.floor(Math.random() * 250);
const admin = createApiKey({ role: "admin" });
const running = new Map<string, { child: ChildProcess; env: Record<string, string>; cwd: string; url: string }>();

const appDir = (target: string) => join(dir, "app", target);

beforeAll(() => {
  mkdirSync(volume);
  mkdirSync(secrets);
  // What compose mounts as secrets (infra/compose): files, never values in the environment.
  writeFileSync(join(secrets, "pseudonym_key"), randomBytes(32).toString("hex"), { mode: 0o600 });
  const { privateKey } = generateKeyPairSync("ed25519");
  writeFileSync(join(secrets, "signing_key"), privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  addToApiKeysFile(join(secrets, "api_keys"), admin.record);
  for (const target of [...services, "cli"]) {
    deployProduction(target === "cli" ? "packages/cli" : `services/${target}`, appDir(target));
  }
}, 180_000);

afterAll(async () => {
  for (const { child } of running.values()) await stopProcess(child);
  rmSync(dir, { recursive: true, force: true });
});

describe.each(services)("image target %s, run as a process", (service) => {
  const stage = stages.get(service)!;

  it("has only production dependencies", () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "services", service, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const present = (name: string) => existsSync(join(appDir(service), "node_modules", name));
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => !present(name))).toEqual([]);
    expect(Object.keys(manifest.devDependencies ?? {}).filter(present)).toEqual([]);
    for (const tool of ["vitest", "typescript", "tsx", "testcontainers"]) expect(present(tool)).toBe(false);
  });

  it("starts with its CMD and ENV against the data volume and answers /health", async () => {
    const port = String(base + services.indexOf(service));
    const env: Record<string, string> = {
      ...stage.env,
      LEDGER_DATA_DIR: volume, // the /data volume
      [portSetting(service)]: port,
      LEDGER_PSEUDONYM_KEY_FILE: join(secrets, "pseudonym_key"),
      LEDGER_SIGNING_KEY: join(secrets, "signing_key"),
      LEDGER_API_KEYS_FILE: join(secrets, "api_keys"),
      LEDGER_LOG_LEVEL: "warn",
    };
    const cwd = appDir(service);
    const url = `http://127.0.0.1:${port}`;
    const child = startCommand(commandOf(stage), cwd, env);
    running.set(service, { child, env, cwd, url });
    await waitForHealth(url, child, service);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  }, 60_000);

  it("passes its HEALTHCHECK while it runs, and fails it once stopped", async () => {
    const { child, env, cwd } = running.get(service)!;
    expect(runHealthcheck(stage.healthcheck!, cwd, env)).toBe(0);
    if (service !== services.at(-1)) return; // the others keep running for the services after them
    await stopProcess(child);
    expect(runHealthcheck(stage.healthcheck!, cwd, env)).not.toBe(0);
  }, 30_000);
});

describe("the whole set on one volume", () => {
  it("records through ingest into the store the projector and query share", async () => {
    const ingest = running.get("ingest")!;
    const response = await fetch(`${ingest.url}/v1/cbos`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
      body: JSON.stringify({ cboId: "image-test-cbo", name: "Image test CBO", state: "IN-KA", district: "Mysuru" }),
    });
    expect(response.status).toBe(201);
    expect(existsSync(join(volume, "events.db"))).toBe(true);
    expect(existsSync(join(volume, "read-models.db"))).toBe(true);
  });
});

describe("image target cli", () => {
  it("runs the ledger command", () => {
    const [program, ...args] = commandOf(stages.get("cli")!);
    const result = spawnSync(program!, args, {
      cwd: appDir("cli"),
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/keys/);
  });
});

import { execFileSync, spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addToApiKeysFile, createApiKey } from "@relief-ledger/http";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../ci/repository-files.js";
import { COMPOSE_FILES } from "./compose.js";

// Brings each compose file up for real where a Docker engine and the compose plugin exist, waits
// for every health check, records through ingest, and takes it all down again. Here (no engine)
// it says so and skips; it never pretends.
const dockerProblem = (() => {
  const result = spawnSync("docker", ["compose", "version"], { encoding: "utf8" });
  if (result.error || result.status !== 0)
    return `docker compose is not available (${(result.error?.message ?? result.stderr).trim().split("\n")[0]})`;
  const info = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], { encoding: "utf8" });
  return info.status === 0 ? undefined : `no Docker engine reachable (${info.stderr.trim().split("\n")[0]})`;
})();
if (dockerProblem) console.warn(`[compose smoke] SKIPPED: ${dockerProblem}`);

const secretsDir = mkdtempSync(join(tmpdir(), "ledger-compose-secrets-"));
const admin = createApiKey({ role: "admin" });
afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

function writeSecrets(): void {
  writeFileSync(join(secretsDir, "pseudonym_key"), randomBytes(32).toString("hex"), { mode: 0o644 });
  const { privateKey } = generateKeyPairSync("ed25519");
  writeFileSync(join(secretsDir, "signing_key"), privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o644 });
  addToApiKeysFile(join(secretsDir, "api_keys"), admin.record);
}

describe.skipIf(dockerProblem !== undefined).each(COMPOSE_FILES)("compose smoke: %s", (file) => {
  const project = `ledger-smoke-${Math.random().toString(36).slice(2, 8)}`;
  const env = { ...process.env, LEDGER_SECRETS_DIR: secretsDir, LEDGER_DOMAIN: "localhost" };
  const compose = (...args: string[]) =>
    execFileSync("docker", ["compose", "-p", project, "-f", join(REPO_ROOT, file), ...args], {
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });

  afterAll(() => {
    compose("down", "--volumes", "--remove-orphans");
  });

  it("comes up healthy and records through ingest", () => {
    writeSecrets();
    compose("up", "--detach", "--build", "--wait", "--wait-timeout", "600");
    const registered = compose(
      "exec",
      "-T",
      "ingest",
      "node",
      "-e",
      `fetch("http://127.0.0.1:4001/v1/cbos",{method:"POST",headers:{authorization:"Bearer ${admin.token}","content-type":"application/json"},` +
        `body:JSON.stringify({cboId:"smoke-cbo",name:"Smoke CBO",state:"IN-KA",district:"Mysuru"})}).then(r=>console.log(r.status))`,
    );
    expect(registered.trim()).toBe("201");
  }, 900_000);
});

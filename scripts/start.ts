// `pnpm start`: the whole ledger on the embedded store, with demo data. Starts ingest, projector
// and query as separate processes; on the first run creates a demo pseudonym key and one API key
// per role (printed once) and loads a small demo coalition through the ingest API.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { addToApiKeysFile, createApiKey, type Role } from "@relief-ledger/http";
import { loadDemoCoalition } from "./demo/load-demo.js";

const dataDir = resolve(process.env.LEDGER_DATA_DIR ?? ".data");
const apiKeysFile = resolve(process.env.LEDGER_API_KEYS_FILE ?? `${dataDir}/api-keys.json`);
const env: NodeJS.ProcessEnv = {
  LEDGER_LOG_LEVEL: "warn",
  ...process.env,
  LEDGER_DEMO: "1",
  LEDGER_DATA_DIR: dataDir,
  LEDGER_API_KEYS_FILE: apiKeysFile,
};
const host = env.LEDGER_HOST ?? "127.0.0.1";
const services = [
  { name: "ingest", port: env.LEDGER_INGEST_PORT ?? "4001" },
  { name: "projector", port: env.LEDGER_PROJECTOR_PORT ?? "4003" },
  { name: "query", port: env.LEDGER_QUERY_PORT ?? "4002" },
];
const url = (port: string) => `http://${host}:${port}`;
mkdirSync(dataDir, { recursive: true });

const firstRun = !existsSync(apiKeysFile);
const tokens: Partial<Record<Role, string>> = {};
if (firstRun) {
  const scopes = [
    { role: "admin" },
    { role: "cbo", cboId: "ashodaya-samithi" },
    { role: "donor", donorId: "azim-trust" },
    { role: "auditor" },
  ] as const;
  for (const scope of scopes) {
    const { token, record } = createApiKey({ ...scope, label: "demo" });
    addToApiKeysFile(apiKeysFile, record);
    tokens[scope.role] = token;
  }
}

async function healthy(port: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (
      await fetch(`${url(port)}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing answered on port ${port}`);
}

const children: ChildProcess[] = [];
for (const { name, port } of services) {
  const child = spawn(process.execPath, [`services/${name}/dist/main.js`], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.once("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping the others`);
      void stop(1);
    }
  });
  children.push(child);
  await healthy(port);
}

let stopping = false;
async function stop(code: number): Promise<void> {
  stopping = true;
  await Promise.all(
    children.filter((c) => c.exitCode === null).map((c) => new Promise((r) => (c.once("exit", r), c.kill("SIGTERM")))),
  );
  console.log("stopped cleanly");
  process.exit(code);
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

if (firstRun) await loadDemoCoalition(url(services[0]!.port), tokens as Record<Role, string>);

console.log(`\nRelief distribution ledger (demo) — data in ${dataDir}`);
for (const { name, port } of services)
  console.log(`  ${name.padEnd(9)} ${url(port)}   docs ${url(port)}/docs   health ${url(port)}/health`);
if (firstRun) {
  console.log("\nDemo API keys — shown once, only their hashes are kept; copy them now:");
  for (const [role, token] of Object.entries(tokens)) console.log(`  ${role.padEnd(8)} ${token}`);
  console.log(
    `\nTry: curl -H "Authorization: Bearer <donor key>" ${url(services[2]!.port)}/v1/donors/azim-trust/attribution`,
  );
} else {
  console.log("\nDemo keys were printed on the first start. Make more with: pnpm ledger keys create --role …");
}
console.log("\nCtrl-C stops all three.");

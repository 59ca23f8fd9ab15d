// `pnpm start`: the ledger on the embedded store, with demo data. Creates demo keys (printed once)
// and a demo pseudonym key on first run, starts the ingest service, and loads a small demo
// coalition through its API. Later issues add the projector and query services here.
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { addToApiKeysFile, createApiKey, readConfig, type Role } from "@relief-ledger/http";
import { IngestConfigSchema, startIngest } from "@relief-ledger/ingest";
import { loadDemoCoalition } from "./demo/load-demo.js";

process.env.LEDGER_LOG_LEVEL ??= "warn";
const env = { LEDGER_DEMO: "1", LEDGER_DATA_DIR: resolve(".data"), ...process.env };
const config = readConfig(IngestConfigSchema, env);
mkdirSync(config.dataDir, { recursive: true });

const firstRun = !existsSync(config.apiKeysFile);
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
    addToApiKeysFile(config.apiKeysFile, record);
    tokens[scope.role] = token;
  }
}

const ingest = await startIngest(config);
const base = `http://${config.host}:${config.port}`;
if (firstRun) await loadDemoCoalition(base, tokens as Record<Role, string>);

console.log(`\nRelief distribution ledger (demo) — data in ${config.dataDir}`);
console.log(`  ingest  ${base}   API docs ${base}/docs   health ${base}/health   metrics ${base}/metrics`);
if (firstRun) {
  console.log("\nDemo API keys — shown once, only their hashes are kept; copy them now:");
  for (const [role, token] of Object.entries(tokens)) console.log(`  ${role.padEnd(8)} ${token}`);
} else {
  console.log("\nDemo keys were printed on the first start. Make more with: pnpm ledger keys create --role …");
}
console.log("\nCtrl-C stops.");

process.once("SIGINT", () => {
  void ingest.close().then(() => {
    console.log("stopped cleanly");
    process.exit(0);
  });
});

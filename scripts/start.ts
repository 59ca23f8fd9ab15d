// `pnpm start [-- --full]`: the whole ledger on the embedded store, with demo data. Starts ingest,
// projector, query and web as separate processes; on the first run creates a demo pseudonym key and one
// API key per role (printed once) and loads a demo coalition through the ingest API: a small one, or
// with --full the founding coalition's full size, each in a data directory of its own.
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { dataDirFor, planDemo, readDemoMarker, writeDemoMarker } from "./demo/data-dir.js";
import { printBanner } from "./demo/banner.js";
import { fullDemo } from "./demo/full-demo.js";
import { createRoleKeys } from "./demo/keys.js";
import { revokeKeysOf } from "./demo-data/index.js";
import { loadThenRevoke, smallDemo } from "./demo/load-demo.js";
import { startServices } from "./demo/services.js";
import { parseStartArgs, START_USAGE, UsageError, type StartOptions } from "./demo/start-options.js";

let options: StartOptions;
try {
  options = parseStartArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${START_USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(START_USAGE);
  process.exit(0);
}
const { size } = options;

const dataDir = resolve(dataDirFor(size, process.env));
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
  { name: "web", port: env.LEDGER_WEB_PORT ?? "4004" },
];
const url = (port: string) => `http://${host}:${port}`;

const hasLedger = existsSync(apiKeysFile) || existsSync(join(dataDir, "events.db"));
const plan = planDemo({ size, dataDir, marker: readDemoMarker(dataDir), hasLedger });
if (plan.action === "refuse") {
  console.error(plan.message);
  process.exit(1);
}
mkdirSync(dataDir, { recursive: true });

// Every key is written before the services start, so they read them all at once.
const demo = plan.action !== "load" ? undefined : size === "full" ? fullDemo(apiKeysFile) : smallDemo(apiKeysFile);
const tokens = demo && plan.action === "load" && !plan.resume ? createRoleKeys(apiKeysFile, demo) : undefined;
if (demo) writeDemoMarker(dataDir, { size, loaded: false });

const running = startServices(services, env, url);
let loading = false;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted = true;
    try {
      if (demo) revokeKeysOf(apiKeysFile, demo.loaderTokens); // the loader's keys end with it
    } catch (error) {
      console.error(`could not revoke the demo loader's keys: ${(error as Error).message}`);
    }
    if (loading) console.log("\nThe demo load was interrupted; the next start with the same flags resumes it.");
    void running.stop(0);
  });
}
await running.ready;

const title = size === "full" ? "the founding coalition (full size)" : "small demo";
printBanner({ title, dataDir, services, url, ...(tokens && { tokens, donorId: demo?.donorId }) });
if (demo) {
  // Keys and URLs come first: the services answer while it loads, and a stopped load keeps them.
  console.log(`\n${plan.action === "load" && plan.resume ? "Resuming" : "Loading"} the demo coalition through ingest…`);
  loading = true;
  await loadThenRevoke(demo, apiKeysFile, url(services[0]!.port)).catch((error: unknown) => {
    if (!interrupted) console.error(`the demo load failed: ${(error as Error).message}; the next start resumes it`);
    return running.stop(1);
  });
  loading = false;
  writeDemoMarker(dataDir, { size, loaded: true });
  console.log(
    `Loaded.${size === "full" ? " The read models fill in as the projector catches up (its /health shows the lag)." : ""}`,
  );
}
console.log("\nCtrl-C stops them all.");

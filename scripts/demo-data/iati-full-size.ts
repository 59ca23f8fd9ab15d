// The IATI done-when check at full size, run once by hand (not a test: it takes many minutes):
// the founding coalition (scale 1) goes through the real ingest API into a fresh SQLite store;
// the read models are rebuilt from it; then the largest donor's IATI file, as that donor's own
// key downloads it from the query app, is checked against IATI's schema and codelists, and its
// transactions against the attribution route's figures, to the paisa.
//
//   nice -n 10 node --conditions=@relief-ledger/source --import tsx scripts/demo-data/iati-full-size.ts \
//     [--scale 1] [--dir DIR]   # --dir: keep the store there, and reuse one loaded before
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paiseAsRupees } from "@relief-ledger/domain";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { createApiKey, staticKeyring } from "@relief-ledger/http";
import { activitySums, codeErrors, schemaErrors, sumErrors } from "@relief-ledger/iati/testing";
import { rebuild } from "@relief-ledger/projections";
import { buildQueryApp, followReadModel } from "@relief-ledger/query";
import { startFromSource } from "../e2e/web-ledger.js";
import { servicesEnv } from "../e2e/services.js";
import { createLoaderKeys, generateCoalition, loadCoalition, waitForKey } from "./index.js";

const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const scale = Number(flag("--scale") ?? 1);
const dir = flag("--dir") ?? join(tmpdir(), "relief-ledger-iati-check");
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const n = (x: number) => x.toLocaleString("en-IN");

const started = performance.now();
const coalition = generateCoalition({ scale }); // demo-data's default seed, as `start --full` uses
const given = new Map<string, number>();
for (const fund of coalition.funds) given.set(fund.donorId, (given.get(fund.donorId) ?? 0) + fund.amountPaise);
const [donorId] = [...given].sort((a, b) => b[1] - a[1])[0]!;
console.log(
  `Coalition at scale ${scale} (seed ${coalition.seed}): ${n(coalition.cbos.length)} CBOs, ${n(coalition.funds.length)} funds, ` +
    `${n(coalition.donors.length)} donors; the largest donor is ${donorId} (Rs ${paiseAsRupees(given.get(donorId)!)} given).`,
);

const storeFile = join(dir, "data", "events.db");
if (!existsSync(storeFile)) {
  mkdirSync(dir, { recursive: true });
  const keysFile = join(dir, "api-keys.json");
  const loaderKeys = createLoaderKeys(keysFile, coalition);
  const port = 5900 + Math.floor(Math.random() * 90);
  const ingest = await startFromSource("ingest", port, servicesEnv(dir, keysFile, port));
  try {
    await waitForKey(ingest.url, loaderKeys.anyCboToken);
    const load = performance.now();
    const summary = await loadCoalition(loaderKeys.targetAt(ingest.url), coalition, { concurrency: 2 });
    console.log(`Loaded through the ingest API in ${seconds(load)}: ${JSON.stringify(summary)}`);
  } finally {
    ingest.child.kill("SIGTERM");
    await new Promise((resolve) => ingest.child.once("exit", resolve));
  }
} else console.log(`Reusing the store loaded before in ${storeFile}.`);

const store = openSqliteEventStore({ file: storeFile, readonly: true });
const readModelFile = join(dir, "statement-check-read-models.db");
rmSync(readModelFile, { force: true });
let at = performance.now();
const events = await store.countEventsAfter(0n, Number.MAX_SAFE_INTEGER);
await rebuild({ store, file: readModelFile });
await store.close();
console.log(`Rebuilt the read models from ${n(events)} events in ${seconds(at)}.`);

const donorKey = createApiKey({ role: "donor", donorId });
const readModel = followReadModel(readModelFile, 0);
const app = await buildQueryApp({ readModel, keyring: staticKeyring([donorKey.record]), logger: false });
try {
  const get = async (url: string) => {
    const response = await app.inject({ url, headers: { authorization: `Bearer ${donorKey.token}` } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    return response.body;
  };
  at = performance.now();
  const attribution = JSON.parse(await get(`/v1/donors/${donorId}/attribution`)) as {
    funds: { fundId: string; receivedPaise: number; attributedPaise: number; cells: unknown[] }[];
    overall: { receivedPaise: number; attributedPaise: number };
  };
  const cells = attribution.funds.reduce((sum, f) => sum + f.cells.length, 0);
  console.log(`Attribution route: ${attribution.funds.length} funds, ${n(cells)} cells, in ${seconds(at)}.`);
  at = performance.now();
  const xml = await get(`/v1/donors/${donorId}/iati`);
  const activities = activitySums(xml);
  const transactions = [...xml.matchAll(/<transaction>/g)].length;
  console.log(
    `IATI route: ${(xml.length / 1024).toFixed(0)} KiB, ${activities.length} activities, ${n(transactions)} transactions, in ${seconds(at)}.`,
  );
  at = performance.now();
  const schema = await schemaErrors(xml);
  console.log(
    `Schema (IATI 2.03 iati-activities-schema.xsd, xmllint-wasm): ${schema.length} errors, in ${seconds(at)}.`,
  );
  const codes = codeErrors(xml);
  console.log(`Codelists: ${codes.length} errors.`);
  const sums = sumErrors(xml, attribution.funds);
  const incoming = activities.reduce((sum, a) => sum + a.incomingPaise, 0);
  const spent = activities.reduce((sum, a) => sum + a.expenditurePaise, 0);
  console.log(
    `Sums: incoming funds Rs ${paiseAsRupees(incoming)} (attribution received Rs ${paiseAsRupees(attribution.overall.receivedPaise)}), ` +
      `expenditure Rs ${paiseAsRupees(spent)} (attributed Rs ${paiseAsRupees(attribution.overall.attributedPaise)}); ` +
      `${sums.length} per-fund differences.`,
  );
  for (const problem of [...schema, ...codes, ...sums].slice(0, 20)) console.log(`  ${problem}`);
  const ok =
    schema.length === 0 &&
    codes.length === 0 &&
    sums.length === 0 &&
    incoming === attribution.overall.receivedPaise &&
    spent === attribution.overall.attributedPaise;
  console.log(ok ? `OK, in ${seconds(started)} overall.` : "FAILED");
  process.exitCode = ok ? 0 : 1;
} finally {
  await app.close();
  readModel.close();
}

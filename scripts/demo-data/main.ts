// Generates a demo coalition and loads it through the ingest API:
//   node --import tsx scripts/demo-data/main.ts --url http://127.0.0.1:4001 \
//     --keys-file .data/api-keys.json [--scale 0.02] [--seed 1] [--csv-dir DIR]
// with an admin token in LEDGER_ADMIN_KEY (or --admin-key-file FILE): never on the command line.
// Prints counts and progress only: never an identity value, and never a key.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeCsvFiles } from "./csv.js";
import { digestCoalition } from "./digest.js";
import { DEFAULTS, generateCoalition } from "./generate.js";
import { createCboKeys, revokeKeysOf, waitForKey } from "./keys.js";
import { loadCoalition, type LoadProgress, type LoadSummary } from "./load.js";
import type { Coalition } from "./types.js";

const USAGE = `usage: LEDGER_ADMIN_KEY=… main.ts --url URL --keys-file FILE [options]
  --url URL          the ingest service (default http://127.0.0.1:4001)
  --keys-file FILE   the service's LEDGER_API_KEYS_FILE: one cbo key per CBO is added to it,
                     and revoked when the load ends
  --admin-key-file F a file holding an admin token (default: $LEDGER_ADMIN_KEY)
  --scale N          1 is the founding coalition; default ${DEFAULTS.scale}
  --seed N           default ${DEFAULTS.seed}
  --today DATE       no distribution is dated later; default ${DEFAULTS.today}
  --concurrency N    requests in flight; default 4
  --csv-dir DIR      also write per-CBO CSV files for \`ledger submit\`
  --no-load          only generate (and write CSV files); no service needed
  --digest           print the coalition's SHA-256 digest (same seed, same digest)`;

const n = (value: number) => Math.round(value).toLocaleString("en-IN");
const crore = (paise: number) => `Rs ${(paise / 100 / 1e7).toFixed(2)} crore`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function numberOption(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) fail(`--${name} must be a number`);
  return value;
}

function describeCoalition(c: Coalition): void {
  const e = c.expected;
  const states = new Set(c.cbos.map((cbo) => cbo.registration.state)).size;
  console.log(`Coalition (seed ${c.seed}, scale ${c.scale}), ${c.period.from} to ${c.period.to}:`);
  console.log(
    `  ${n(e.cbos)} CBOs in ${states} states; ${n(e.members)} members, ${n(e.dualMembers)} served by two CBOs`,
  );
  console.log(`  ${n(e.donors)} donors, ${n(e.funds)} funds worth ${crore(e.fundsPaise)}`);
  console.log(
    `  ${n(e.distributions)} distributions in ${n(e.submissions)} submissions (${n(e.lateSubmissions)} late), ` +
      `worth ${crore(e.valuePaise)} after voids (${crore(e.schemeValuePaise)} through schemes)`,
  );
  console.log(
    `  ${n(e.voids)} voids; ${n(e.plantedDuplicates.cross_cbo)} cross-CBO and ${n(e.plantedDuplicates.same_cbo)} ` +
      "same-CBO duplicates planted",
  );
}

const tallyText = (t: { recorded: number; replayed: number }) => `${n(t.recorded)} new, ${n(t.replayed)} replayed`;

function describeSummary(s: LoadSummary): void {
  console.log(`Loaded in ${(s.elapsedMs / 1000).toFixed(1)}s (${n(s.retries)} retries):`);
  for (const key of ["cbos", "donors", "funds", "submissions", "distributions", "voids"] as const) {
    console.log(`  ${key.padEnd(13)} ${tallyText(s[key])}`);
  }
  const rate = (s.distributions.recorded + s.distributions.replayed) / (s.elapsedMs / 1000);
  console.log(`  ${n(rate)} distributions a second`);
}

function progressPrinter(): (p: LoadProgress) => void {
  let last = 0;
  let phase = "";
  return (p) => {
    const now = Date.now();
    if (p.phase === "done" || (p.phase === phase && now - last < 2_000 && p.done !== p.total)) return;
    last = now;
    phase = p.phase;
    const d = p.summary.distributions;
    const extra = p.phase === "submissions" ? `, ${n(d.recorded + d.replayed)} distributions` : "";
    console.log(`  ${p.phase}: ${n(p.done)}/${n(p.total)}${extra} (${(p.summary.elapsedMs / 1000).toFixed(0)}s)`);
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://127.0.0.1:4001" },
      "keys-file": { type: "string" },
      "admin-key": { type: "string" },
      "admin-key-file": { type: "string" },
      scale: { type: "string" },
      seed: { type: "string" },
      today: { type: "string" },
      concurrency: { type: "string" },
      "csv-dir": { type: "string" },
      "no-load": { type: "boolean", default: false },
      digest: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const load = !values["no-load"];
  // A token on the command line shows in ps and shell history: refused, with what to do instead.
  if (values["admin-key"] !== undefined)
    fail("--admin-key is not accepted: set LEDGER_ADMIN_KEY or pass --admin-key-file");
  const adminKey = values["admin-key-file"]
    ? readFileSync(values["admin-key-file"], "utf8").trim()
    : process.env.LEDGER_ADMIN_KEY;
  if (load && !values["keys-file"]) fail("--keys-file is required to make the CBOs' keys");
  if (load && !adminKey) fail("an admin token is required: set LEDGER_ADMIN_KEY or pass --admin-key-file");
  if (!load && !values["csv-dir"]) fail("--no-load does nothing without --csv-dir");

  let started = performance.now();
  const coalition = generateCoalition({
    seed: numberOption(values.seed, "seed", DEFAULTS.seed),
    scale: numberOption(values.scale, "scale", DEFAULTS.scale),
    today: values.today ?? DEFAULTS.today,
  });
  describeCoalition(coalition);
  console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  if (values.digest) console.log(`  digest ${digestCoalition(coalition)}`);

  if (load) {
    const keysFile = resolve(values["keys-file"]!);
    const tokens = createCboKeys(
      keysFile,
      coalition.cbos.map((c) => c.registration.cboId),
    );
    console.log(
      `Added ${n(tokens.size)} CBO keys (label demo-data) to ${keysFile}; waiting for the service to read them`,
    );
    let summary: LoadSummary;
    try {
      await waitForKey(values.url, [...tokens.values()].at(-1)!);
      summary = await loadCoalition(
        {
          baseUrl: values.url,
          adminKey: adminKey!,
          keyFor: (cboId) => tokens.get(cboId) ?? fail(`no key for ${cboId}`),
        },
        coalition,
        {
          concurrency: numberOption(values.concurrency, "concurrency", 4),
          onProgress: progressPrinter(),
        },
      );
    } finally {
      console.log(`Revoked the ${n(revokeKeysOf(keysFile, tokens.values()))} CBO keys of this load`);
    }
    describeSummary(summary);
  }

  if (values["csv-dir"]) {
    started = performance.now();
    const dir = resolve(values["csv-dir"]);
    const { files, rows } = writeCsvFiles(coalition, dir);
    console.log(
      `Wrote ${n(rows)} rows to ${n(files.length)} CSV files in ${dir} (${((performance.now() - started) / 1000).toFixed(1)}s), ` +
        "with registrations.json and voids.csv. They hold the synthetic identity numbers: keep them private.",
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

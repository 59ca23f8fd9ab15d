import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createApiKey, type ApiKeyRecord } from "@relief-ledger/http";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { rebuild } from "@relief-ledger/projections";
import { ledgerFixture } from "./fixture/fixture.js";
import { oneCboOf } from "./fixture/one-cbo-store.js";
import type { BenchSection } from "./report.js";
import { stopService } from "./service-process.js";
import { median } from "./timing.js";

const CONNECTIONS = 50;
const SECONDS = 10;
const WARM_UP_SECONDS = 2;
const ROUNDS = 3;

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The query app in its own process (query-server.child.ts); resolves with its base URL once it listens. */
async function startQueryServer(
  readModel: string,
  keys: ApiKeyRecord[],
): Promise<{ child: ChildProcess; url: string }> {
  // LEDGER_BENCH_NODE_ARGS profiles this server too, as it does the services (service-process.ts).
  const nodeArgs = process.env.LEDGER_BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "scripts/bench/query-server.child.ts"], {
    cwd: repoRoot,
    env: { ...process.env, LEDGER_BENCH_READ_MODEL: readModel, LEDGER_BENCH_KEYS: JSON.stringify(keys) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the query server exited with ${code}`))),
  );
  exited.catch(() => undefined);
  const lines = createInterface({ input: child.stdout });
  const listening = new Promise<string>((resolve) =>
    lines.on("line", (line) => {
      if (line.startsWith("http://")) resolve(line);
    }),
  );
  const url = await Promise.race([listening, exited]);
  return { child, url };
}

interface Run {
  requestsPerSecond: number;
  p99Ms: number;
}

async function load(url: string, headers: Record<string, string>, duration: number): Promise<Run> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99 };
}

/** The CBO with the most distributions in the fixture: the largest totals anyone reads. */
function busiestCbo(fixture: string): { cboId: string; distributions: number } {
  const db = new Database(fixture, { readonly: true });
  try {
    const row = db
      .prepare<[], { cboId: string; distributions: number }>(
        `SELECT json_extract(data, '$.cboId') AS cboId, COUNT(*) AS distributions FROM events
         WHERE type = 'DistributionRecorded' GROUP BY cboId ORDER BY distributions DESC LIMIT 1`,
      )
      .get();
    if (!row) throw new Error("the fixture has no distributions");
    return row;
  } finally {
    db.close();
  }
}

/** A read model of that CBO's whole year: its totals are what the full model would serve, at a fraction of the rebuild. */
async function oneCboReadModel(fixture: string, cboId: string, file: string): Promise<void> {
  const store = openSqliteEventStore({ file: fixture, readonly: true });
  try {
    console.log(`  projecting ${cboId}'s events from the fixture…`);
    await rebuild({ store: oneCboOf(store, cboId), file });
  } finally {
    await store.close();
  }
}

interface Runs {
  hello: Run[];
  totals: Run[];
  /** One totals response, to describe what was served. */
  body: string;
}

/** Starts the server on `readModel` and alternates hello and totals runs against it. */
async function loadRuns(readModel: string, cboId: string): Promise<Runs> {
  const key = createApiKey({ role: "cbo", cboId });
  const server = await startQueryServer(readModel, [key.record]);
  const helloUrl = `${server.url}/bench/hello`;
  const totalsUrl = `${server.url}/v1/cbos/${cboId}/totals`;
  const auth = { authorization: `Bearer ${key.token}` };
  try {
    const response = await fetch(totalsUrl, { headers: auth });
    const body = await response.text();
    if (!response.ok) throw new Error(`${totalsUrl}: ${response.status} ${body}`);
    // Warm-up, not counted: JIT, SQLite's page cache, the kernel's sockets.
    await load(helloUrl, {}, WARM_UP_SECONDS);
    await load(totalsUrl, auth, WARM_UP_SECONDS);
    const runs: Runs = { hello: [], totals: [], body };
    for (let i = 0; i < ROUNDS; i++) {
      runs.hello.push(await load(helloUrl, {}, SECONDS));
      runs.totals.push(await load(totalsUrl, auth, SECONDS));
    }
    return runs;
  } finally {
    await stopService(server.child);
  }
}

export async function queryBench(): Promise<BenchSection> {
  const fixture = await ledgerFixture();
  const busiest = busiestCbo(fixture.file);
  const dir = mkdtempSync(join(tmpdir(), "ledger-query-bench-"));
  let runs: Runs;
  try {
    const readModel = join(dir, "read-model.db");
    await oneCboReadModel(fixture.file, busiest.cboId, readModel);
    runs = await loadRuns(readModel, busiest.cboId);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const of = (list: Run[], pick: (r: Run) => number) => median(list.map(pick));
  const reference = "GET /bench/hello on the same server ({ ok: true }, no key)";
  const cells = (JSON.parse(runs.body) as { cells: unknown[] }).cells.length;
  return {
    title: "Query service (HTTP reads from the read model)",
    figures: [
      {
        name: "GET /v1/cbos/:cboId/totals, busiest CBO, CBO key",
        value: of(runs.totals, (r) => r.requestsPerSecond),
        unit: "req/s",
        reference,
        referenceValue: of(runs.hello, (r) => r.requestsPerSecond),
        goal: "≥ 50%",
      },
      {
        name: "its p99 latency",
        value: of(runs.totals, (r) => r.p99Ms),
        unit: "ms",
        reference,
        referenceValue: of(runs.hello, (r) => r.p99Ms),
        lowerIsBetter: true,
      },
    ],
    notes: [
      `autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run, hello and totals alternated ${ROUNDS} times after a ${WARM_UP_SECONDS} s warm-up of each; medians of the runs. Every response was 2xx.`,
      "The server is buildQueryApp in its own process (rate limiter on with a limit it never reaches, logs at warn), with /bench/hello registered beside the real routes; autocannon runs in the bench process on the same 2 cores.",
      `The read model holds the busiest CBO of the rebuild section's fixture, ${busiest.cboId} (${busiest.distributions.toLocaleString("en-US")} distributions over 12 months), projected from its own and the donors' events only, to spare a full rebuild: its totals have the cells the full model would serve, ${cells} of them, ${runs.body.length.toLocaleString("en-US")} bytes of JSON.`,
      "The read model does not move during the runs, so after the first request each totals answer comes from the query service's read-model cache (its JSON made once per checkpoint); what a request still pays is authentication, the role check, one look at the checkpoint and the write. While the projector commits, the first request after each commit pays the full query (~0.8 ms on this fixture).",
      "Requests arriving in one turn of the event loop share one look at the checkpoint, taken after all of them arrived, and their responses leave together; hello does not batch, so part of a ratio above 100% is that batching (on this machine, cache alone with a look per request gave 47–62% of hello).",
    ],
  };
}

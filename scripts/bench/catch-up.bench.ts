import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { servicesEnv } from "../e2e/services.js";
import { createLoaderKeys, generateCoalition, loadCoalition, waitForKey } from "../demo-data/index.js";
import type { BenchSection } from "./report.js";
import { peakRssMiB, startService, stopService } from "./service-process.js";

// The founding coalition (demo-data scale 1) unless LEDGER_BENCH_CATCH_UP_SCALE says otherwise:
// at scale 1 the load alone takes several minutes on 2 shared cores.
const SCALE = Number(process.env.LEDGER_BENCH_CATCH_UP_SCALE ?? 1);
const BASE_PORT = 4110;
const PROBE_EVERY_MS = 250;
const PROBE_TIMEOUT_MS = 100;
// However slow the machine, the section ends: a projector not caught up by then is reported so.
const CATCH_UP_LIMIT_MS = 20 * 60_000;
const n = (x: number) => x.toLocaleString("en-US");

interface Health {
  checkpoint: string;
  head: string;
}

/**
 * Probes the projector's /health every PROBE_EVERY_MS, one at a time, each given PROBE_TIMEOUT_MS:
 * what an orchestrator's liveness probe with a short timeout would see.
 */
function prober(url: string) {
  let probes = 0;
  let answered = 0;
  let last: Health | undefined;
  let running = true;
  const done = (async () => {
    while (running) {
      const began = performance.now();
      probes += 1;
      const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
        async (r) => (r.ok ? ((await r.json()) as Health) : undefined),
        () => undefined,
      );
      if (health) {
        answered += 1;
        last = health;
      }
      await sleep(Math.max(0, PROBE_EVERY_MS - (performance.now() - began)));
    }
  })();
  return {
    last: () => last,
    async stop() {
      running = false;
      await done;
      return { probes, answered };
    },
  };
}

/** The projector's own answer, however long it takes: whether its checkpoint has reached the head. */
async function caughtUp(url: string): Promise<boolean> {
  const health = await fetch(`${url}/health`).then(
    (r) => r.json() as Promise<Health>,
    () => undefined,
  );
  return health !== undefined && BigInt(health.checkpoint) >= BigInt(health.head) && health.head !== "0";
}

export async function catchUpBench(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), "ledger-catch-up-bench-"));
  const coalition = generateCoalition({ scale: SCALE });
  const keysFile = join(dir, "api-keys.json");
  const loaderKeys = createLoaderKeys(keysFile, coalition);
  mkdirSync(join(dir, "data"));
  const env = { ...servicesEnv(dir, keysFile, BASE_PORT), LEDGER_DEMO: "1" };
  const ingestUrl = `http://127.0.0.1:${BASE_PORT}`;
  const projectorUrl = `http://127.0.0.1:${BASE_PORT + 2}`;
  const ingest = await startService("ingest", env, ingestUrl);
  const projector = await startService("projector", env, projectorUrl);
  try {
    await waitForKey(ingestUrl, loaderKeys.anyCboToken);
    const probing = prober(projectorUrl);
    const loadStarted = performance.now();
    const summary = await loadCoalition(loaderKeys.targetAt(ingestUrl), coalition, { concurrency: 2 });
    // The last submission was acknowledged when loadCoalition returned.
    const lastAck = performance.now();
    let finished = false;
    while (performance.now() - lastAck < CATCH_UP_LIMIT_MS) {
      if (await caughtUp(projectorUrl)) {
        finished = true;
        break;
      }
      await sleep(100);
    }
    const caughtUpMs = performance.now() - lastAck;
    const health = await probing.stop();
    const peak = peakRssMiB(projector.pid!);
    const loadMs = lastAck - loadStarted;
    const seconds = (ms: number) => ms / 1_000;
    return {
      title: "Catch-up: the demo coalition through the ingest API, with the projector running",
      figures: [
        {
          name: finished
            ? "read models caught up, after the last acknowledged submission"
            : `read models NOT caught up ${CATCH_UP_LIMIT_MS / 60_000} min after the last acknowledged submission`,
          value: seconds(caughtUpMs),
          unit: "s",
          reference: "the load itself: first request to last acknowledged submission",
          referenceValue: seconds(loadMs),
          lowerIsBetter: true,
          goal: "≤ 60 s",
        },
        {
          name: `projector /health probes answered within ${PROBE_TIMEOUT_MS} ms, load and catch-up`,
          value: health.answered,
          unit: "probes",
          reference: `probes sent (one every ${PROBE_EVERY_MS} ms, one at a time)`,
          referenceValue: health.probes,
          goal: "≥ 99%",
        },
      ],
      notes: [
        `The coalition: demo-data seed ${coalition.seed}, scale ${SCALE}${SCALE === 1 ? " (the founding coalition, as `pnpm start -- --full` loads it)" : " (LEDGER_BENCH_CATCH_UP_SCALE; scale 1 is the founding coalition)"}: ${n(coalition.cbos.length)} CBOs, ${n(coalition.funds.length)} funds; the load recorded ${n(summary.distributions.recorded)} distributions in ${n(summary.submissions.recorded)} submissions and ${n(summary.voids.recorded)} voids (${n(summary.retries)} retries).`,
        "Ingest and the projector are the built services, each its own process on the SQLite store, with their defaults; the load is `loadCoalition` (scripts/demo-data) with 2 requests in flight, on the same machine.",
        `Caught up: the projector's own /health shows its checkpoint at the store's head; asked every 100 ms after the last acknowledged submission. The projector's peak RSS over the whole run (VmHWM) was ${peak.toFixed(0)} MiB.`,
      ],
    };
  } finally {
    await stopService(projector);
    await stopService(ingest);
    rmSync(dir, { recursive: true, force: true });
  }
}

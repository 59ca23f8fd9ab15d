import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { addToApiKeysFile, createApiKey } from "@relief-ledger/http";
import { createCboKeys, generateCoalition, loadCoalition, waitForKey, type Coalition } from "../demo-data/index.js";
import { servicesEnv } from "./services.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/** The built pages the web service serves (`pnpm build` makes them). */
export const APP_DIR = fileURLToPath(new URL("../../services/web/dist/app", import.meta.url));

export interface RunningProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr: its pino log lines. */
  output(): string;
}

/** Starts a service from its sources as a real process on a real port, and waits for /health. */
export async function startFromSource(name: string, port: number, env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ["--conditions=@relief-ledger/source", "--import", "tsx", `services/${name}/src/main.ts`],
    { cwd: repoRoot, env: { ...process.env, LEDGER_LOG_LEVEL: "error", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${output.slice(-2000)}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { name, url, child, output: () => output } satisfies RunningProcess;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`${name} did not become healthy on ${url}`);
}

async function stop(service: RunningProcess): Promise<void> {
  if (service.child.exitCode !== null) return;
  const exited = new Promise((resolve) => service.child.once("exit", resolve));
  service.child.kill("SIGTERM");
  await exited;
}

export interface TestLedger {
  coalition: Coalition;
  keys: { admin: string; auditor: string; cbo: string; otherCbo: string; donor: string; otherDonor: string };
  /** The services' keys file: a test revokes a key by taking its record out, as `ledger keys revoke` does. */
  keysFile: string;
  /** The services' data directory: the event store is events.db in it (what `ledger --store` reads). */
  dataDir: string;
  donorId: string;
  otherDonorId: string;
  cboId: string;
  ingest: RunningProcess;
  projector: RunningProcess;
  query: RunningProcess;
  web: RunningProcess;
  /** Stops the ingest process (the network to it is cut), and starts it again on the same port and store. */
  stopIngest(): Promise<void>;
  startIngest(): Promise<void>;
  close(): Promise<void>;
}

/** The donor that gave most, and another: the first to read a dashboard, the second to be refused. */
function donorsOf(coalition: Coalition): [string, string] {
  const given = new Map<string, number>();
  for (const fund of coalition.funds) given.set(fund.donorId, (given.get(fund.donorId) ?? 0) + fund.amountPaise);
  const ranked = [...given].sort((a, b) => b[1] - a[1]).map(([donorId]) => donorId);
  return [ranked[0]!, ranked[1]!];
}

/**
 * The whole ledger as `pnpm start` runs it — ingest, projector, query and web, each a process on
 * its own port — with a generated coalition loaded through the ingest API and projected.
 */
export async function startTestLedger(
  options: {
    /** Settings for every service (e.g. a signing key for the projector). */
    env?: Record<string, string>;
    webEnv?: Record<string, string>;
    logLevel?: string;
    scale?: number;
    seed?: number;
  } = {},
) {
  if (!existsSync(join(APP_DIR, "index.html")))
    throw new Error(`the pages are not built (${APP_DIR}): run pnpm build first`);
  const dir = mkdtempSync(join(tmpdir(), "ledger-web-"));
  const keysFile = join(dir, "api-keys.json");
  const coalition = generateCoalition({ seed: options.seed ?? 11, scale: options.scale ?? 0.003 });
  const [donorId, otherDonorId] = donorsOf(coalition);
  const cboId = coalition.funds.find((f) => f.donorId === donorId)!.cboId;
  const make = (scope: Parameters<typeof createApiKey>[0]) => {
    const key = createApiKey(scope);
    addToApiKeysFile(keysFile, key.record);
    return key.token;
  };
  const keys = {
    admin: make({ role: "admin" }),
    auditor: make({ role: "auditor" }),
    cbo: make({ role: "cbo", cboId }),
    otherCbo: make({
      role: "cbo",
      cboId: coalition.cbos.find((c) => c.registration.cboId !== cboId)!.registration.cboId,
    }),
    donor: make({ role: "donor", donorId }),
    otherDonor: make({ role: "donor", donorId: otherDonorId }),
  };
  const loaderKeys = createCboKeys(
    keysFile,
    coalition.cbos.map((c) => c.registration.cboId),
  );
  const base = 5200 + Math.floor(Math.random() * 600);
  const env = { ...servicesEnv(dir, keysFile, base), ...options.env };
  const started: RunningProcess[] = [];
  try {
    const ingest = await startFromSource("ingest", base, env);
    started.push(ingest);
    const projector = await startFromSource("projector", base + 2, env);
    started.push(projector);
    const query = await startFromSource("query", base + 1, env);
    started.push(query);
    const web = await startFromSource("web", base + 3, {
      ...env,
      LEDGER_LOG_LEVEL: options.logLevel ?? "info",
      ...options.webEnv,
    });
    started.push(web);
    await waitForKey(ingest.url, [...loaderKeys.values()][0]!);
    await loadCoalition({ baseUrl: ingest.url, adminKey: keys.admin, keyFor: (id) => loaderKeys.get(id)! }, coalition, {
      concurrency: 2,
    });
    for (let i = 0; ; i++) {
      // The log's head read each time: a projector that signs heads appends to the log itself.
      const { headPosition } = (await (await fetch(`${ingest.url}/health`)).json()) as { headPosition: string };
      const { checkpoint } = (await (await fetch(`${projector.url}/health`)).json()) as { checkpoint: string };
      if (checkpoint === headPosition) break;
      // A test's coalition projects in seconds; the full-size demo of the benchmark in minutes.
      if (i > 1200 + 36_000 * (options.scale ?? 0)) throw new Error("the projector did not catch up");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ledger: TestLedger = {
      coalition,
      keys,
      keysFile,
      dataDir: env.LEDGER_DATA_DIR,
      donorId,
      otherDonorId,
      cboId,
      ingest,
      projector,
      query,
      web,
      async stopIngest() {
        await stop(ledger.ingest);
      },
      async startIngest() {
        ledger.ingest = await startFromSource("ingest", base, env);
        started.push(ledger.ingest);
      },
      async close() {
        await Promise.all(started.map(stop));
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return ledger;
  } catch (error) {
    await Promise.all(started.map(stop));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

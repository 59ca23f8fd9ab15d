import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { verhoeffCheckDigit } from "@relief-ledger/domain";
import { openSqliteEventStore, type EventToAppend } from "@relief-ledger/event-store";
import { addToApiKeysFile, createApiKey } from "@relief-ledger/http";
import { serviceCommand } from "../demo/services.js";
import type { BenchSection, Figure } from "./report.js";
import { cpuSeconds, peakRssMiB, startService, stopService } from "./service-process.js";
import { median, rate } from "./timing.js";

const CBO = "bench-cbo";
const PORT = 4101;
const URL_BASE = `http://127.0.0.1:${PORT}`;
const SUBMISSIONS = 40;
const CONCURRENT = 10;
const ROUNDS = 3;

const aadhaar = (n: number) => {
  const body = String(20_000_000_000 + n);
  return body + verhoeffCheckDigit(body);
};

// Written as people write them: bare, with +91, or with the trunk 0.
const phone = (n: number) => {
  const digits = `98${String(n).padStart(8, "0")}`;
  return [digits, `+91 ${digits.slice(0, 5)} ${digits.slice(5)}`, `0${digits.slice(0, 5)}-${digits.slice(5)}`, digits][
    n % 4
  ]!;
};

function submission(n: number) {
  return {
    submissionId: randomUUID(),
    cboId: CBO,
    distributions: Array.from({ length: 1_000 }, (_, i) => ({
      distributionId: randomUUID(),
      service: "grocery_kit",
      beneficiaryRefs: [
        { type: "aadhaar", value: aadhaar(n * 1_000 + i) },
        { type: "phone", value: phone(n * 1_000 + i) },
      ],
      quantity: 1,
      valuePaise: 150_000,
      funding: { kind: "auto" },
      distributedOn: "2021-05-14",
    })),
  };
}

async function post(token: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${URL_BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

/** Submits in `workers` parallel loops and returns events per second. */
async function submitAll(token: string, bodies: string[], workers: number): Promise<number> {
  const queue = [...bodies];
  return rate(bodies.length * 1_000, async () => {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let body = queue.shift(); body; body = queue.shift()) await post(token, "/v1/submissions", body);
      }),
    );
  });
}

/** The same events, appended straight to a fresh store in batches of 1,000: the ceiling for ingest. */
async function storeCeiling(dataDir: string, dir: string): Promise<{ rate: number; cpuMicrosPerEvent: number }> {
  const source = openSqliteEventStore({ file: join(dataDir, "events.db"), readonly: true });
  const batches: EventToAppend[][] = [];
  for (
    let page = await source.readAll({ maxCount: 1_000 });
    page.events.length > 0;
    page = await source.readAll({ after: page.next, maxCount: 1_000 })
  ) {
    const events = page.events.filter((e) => e.type === "DistributionRecorded");
    if (events.length > 0)
      batches.push(events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: e.metadata })));
  }
  await source.close();
  const target = openSqliteEventStore({ file: join(dir, "ceiling.db") });
  const events = batches.reduce((n, b) => n + b.length, 0);
  const cpuBefore = process.cpuUsage();
  const result = await rate(events, async () => {
    for (const batch of batches)
      await target.append(`submission-${randomUUID()}`, batch, { expectedRevision: "no_stream" });
  });
  const cpu = process.cpuUsage(cpuBefore);
  await target.close();
  return { rate: result, cpuMicrosPerEvent: (cpu.user + cpu.system) / events };
}

interface Round {
  sequential: number;
  concurrent: number;
  ceiling: number;
  peakMiB: number;
  /** CPU time of the service per event over both patterns, and of the store's append in the ceiling. */
  cpuMicrosPerEvent: number;
  ceilingCpuMicrosPerEvent: number;
}

/** One round: a fresh service and data directory, both submitter patterns, then the ceiling on the same events. */
async function round(): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), "ledger-ingest-bench-"));
  const dataDir = join(dir, "data");
  const keysFile = join(dir, "keys.json");
  const admin = createApiKey({ role: "admin" });
  const cbo = createApiKey({ role: "cbo", cboId: CBO });
  addToApiKeysFile(keysFile, admin.record);
  addToApiKeysFile(keysFile, cbo.record);
  const service = await startService(
    "ingest",
    {
      LEDGER_DATA_DIR: dataDir,
      LEDGER_API_KEYS_FILE: keysFile,
      LEDGER_INGEST_PORT: String(PORT),
      LEDGER_PSEUDONYM_KEY: "ab".repeat(32),
      LEDGER_RATE_LIMIT_PER_MINUTE: "1000000",
    },
    URL_BASE,
  );
  try {
    await post(admin.token, "/v1/cbos", { cboId: CBO, name: "Bench CBO", state: "IN-KA", district: "Mysuru" });
    // Serialized before the clock starts: the client shares the machine's two cores with the service.
    const bodies = Array.from({ length: SUBMISSIONS }, (_, n) => JSON.stringify(submission(n)));
    const cpuBefore = cpuSeconds(service.pid!);
    const sequential = await submitAll(cbo.token, bodies.slice(0, SUBMISSIONS / 2), 1);
    const concurrent = await submitAll(cbo.token, bodies.slice(SUBMISSIONS / 2), CONCURRENT);
    const cpuMicrosPerEvent = ((cpuSeconds(service.pid!) - cpuBefore) * 1e6) / (SUBMISSIONS * 1_000);
    const peakMiB = peakRssMiB(service.pid!);
    await stopService(service);
    const ceiling = await storeCeiling(dataDir, dir);
    return {
      sequential,
      concurrent,
      peakMiB,
      cpuMicrosPerEvent,
      ceiling: ceiling.rate,
      ceilingCpuMicrosPerEvent: ceiling.cpuMicrosPerEvent,
    };
  } finally {
    if (service.exitCode === null) await stopService(service);
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function ingestBench(): Promise<BenchSection> {
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round());
  const of = (pick: (r: Round) => number) => median(rounds.map(pick));
  const reference = "the event store appending the same events (batches of 1,000)";
  const [cpuIngest, cpuCeiling] = [of((r) => r.cpuMicrosPerEvent), of((r) => r.ceilingCpuMicrosPerEvent)];
  const figures: Figure[] = [
    {
      name: "ingest over HTTP, 1 submitter, 1,000-record submissions",
      value: of((r) => r.sequential),
      unit: "events/s",
      reference,
      referenceValue: of((r) => r.ceiling),
      goal: "≥ 50%",
    },
    {
      name: `ingest over HTTP, ${CONCURRENT} concurrent submitters`,
      value: of((r) => r.concurrent),
      unit: "events/s",
      reference,
      referenceValue: of((r) => r.ceiling),
      goal: "≥ 50%",
    },
  ];
  return {
    title: "Ingest (HTTP → validation → pseudonyms → SQLite store)",
    figures,
    notes: [
      `Median of ${ROUNDS} rounds, each a fresh service process; the ceiling is measured in the same round on the events that round wrote.`,
      `CPU time per event (user + system, a figure a loaded machine stretches less than wall-clock time): the ingest service ${cpuIngest.toFixed(0)} µs over both patterns, the store's append in the ceiling ${cpuCeiling.toFixed(0)} µs, ${((100 * cpuCeiling) / cpuIngest).toFixed(0)}% (medians of the rounds).`,
      `Peak RSS of the ingest process (VmHWM), ending with ${CONCURRENT} concurrent submitters: ${Math.max(...rounds.map((r) => r.peakMiB)).toFixed(0)} MiB (highest round).`,
      `The service starts as \`pnpm start\` starts it: \`node ${serviceCommand("ingest").join(" ")}\`.`,
      `${SUBMISSIONS} submissions of 1,000 distributions per round, each record with an Aadhaar number and a phone number (two HMACs), phones written bare, with +91 or with a trunk 0; the submitting client runs on the same machine.`,
    ],
  };
}

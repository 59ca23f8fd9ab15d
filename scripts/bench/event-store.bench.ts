import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EVENTS_SCHEMA, applyPragmas, openSqliteEventStore, type EventToAppend } from "@relief-ledger/event-store";
import type { BenchSection, Figure } from "./report.js";
import { interleaved, rate } from "./timing.js";

const PLAN = [
  { batch: 1, events: 2_000 },
  { batch: 100, events: 50_000 },
  { batch: 1_000, events: 200_000 },
];
const ROUNDS = 3;

/** About 400 bytes of JSON, shaped like a distribution record. */
function makeBatches(batch: number, events: number): EventToAppend[][] {
  return Array.from({ length: events / batch }, () =>
    Array.from({ length: batch }, (_, i) => ({
      id: randomUUID(),
      type: "DistributionRecorded",
      data: {
        distributionId: randomUUID(),
        submissionId: randomUUID(),
        cboId: "ashodaya-samithi",
        service: "grocery_kit",
        beneficiaries: [{ type: "aadhaar", pseudonym: "9f".repeat(32), keyId: "k1" }],
        quantity: 1,
        valuePaise: 150_000 + i,
        funding: { kind: "auto" },
        distributedOn: "2021-05-14",
      },
      metadata: { correlationId: randomUUID(), schemaVersion: 1 },
    })),
  );
}

function rawDatabase(file: string) {
  const db = new Database(file);
  applyPragmas(db, { busyTimeoutMs: 5_000 });
  db.exec(EVENTS_SCHEMA);
  return db;
}

/** The ceiling: the same rows, already serialized, through plain INSERTs in one transaction per batch. */
function rawAppend(file: string, batches: EventToAppend[][]): () => void {
  const serialized = batches.map((b) =>
    b.map((e) => [e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)]),
  );
  return () => {
    const db = rawDatabase(file);
    const insert = db.prepare("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    let position = 0;
    const write = db.transaction((stream: string, rows: string[][]) => {
      const at = new Date().toISOString();
      rows.forEach(([id, type, data, metadata], revision) =>
        insert.run(++position, stream, revision, id, type, data, metadata, at),
      );
    });
    serialized.forEach((rows, n) => write.immediate(`bench-${n}`, rows));
    db.close();
  };
}

async function adapterAppend(file: string, batches: EventToAppend[][]): Promise<void> {
  const store = openSqliteEventStore({ file });
  for (let n = 0; n < batches.length; n++)
    await store.append(`bench-${n}`, batches[n]!, { expectedRevision: "no_stream" });
  await store.close();
}

export async function eventStoreBench(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), "ledger-bench-"));
  const fresh = (name: string) => {
    rmSync(join(dir, name), { force: true });
    rmSync(join(dir, `${name}-wal`), { force: true });
    rmSync(join(dir, `${name}-shm`), { force: true });
    return join(dir, name);
  };
  const figures: Figure[] = [];
  try {
    for (const { batch, events } of PLAN) {
      const batches = makeBatches(batch, events);
      const raw = rawAppend(join(dir, "raw.db"), batches);
      const result = await interleaved(
        ROUNDS,
        () => rate(events, () => adapterAppend(fresh("adapter.db"), batches)),
        () => (fresh("raw.db"), rate(events, raw)),
      );
      figures.push({
        name: `append, batches of ${batch.toLocaleString("en-US")}`,
        value: result.subject,
        unit: "events/s",
        reference: "raw better-sqlite3 INSERTs, same bytes and pragmas",
        referenceValue: result.reference,
        goal: batch === 1_000 ? "≥ 80%" : undefined,
      });
    }
    figures.push(await scanFigure(join(dir, "adapter.db"), PLAN.at(-1)!.events));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: "Event store (SQLite, synchronous=FULL, ~400-byte events)",
    figures,
    notes: [
      `Each figure is the median of ${ROUNDS} interleaved rounds into a fresh file.`,
      "Batch-of-1 appends are bound by one fsync per commit on both sides.",
      "The scan reads the whole global log in pages of 1,000 and parses each event's JSON; the raw scan only steps through the rows.",
    ],
  };
}

async function scanFigure(file: string, events: number): Promise<Figure> {
  const result = await interleaved(
    ROUNDS,
    () =>
      rate(events, async () => {
        const store = openSqliteEventStore({ file, readonly: true });
        for (let page = await store.readAll({ maxCount: 1_000 }); !page.isEnd;)
          page = await store.readAll({ after: page.next, maxCount: 1_000 });
        await store.close();
      }),
    () =>
      rate(events, () => {
        const db = new Database(file, { readonly: true });
        let bytes = 0;
        for (const row of db.prepare("SELECT * FROM events ORDER BY position").iterate() as Iterable<{ data: string }>)
          bytes += row.data.length;
        db.close();
        if (bytes === 0) throw new Error("empty log");
      }),
  );
  return {
    name: "global-log scan",
    value: result.subject,
    unit: "events/s",
    reference: "raw SELECT over the same file",
    referenceValue: result.reference,
  };
}

import Database from "better-sqlite3";
import { createHash, hash } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { applyPragmas, type EventStore, type RecordedEvent } from "@relief-ledger/event-store";
import { CompactRange, eventLeafHash, INDEX_CATCH_UP_PAGE, leafBytes, openMerkleIndex } from "@relief-ledger/audit";
import type { Figure } from "./report.js";
import { interleaved, rate } from "./timing.js";

// `ledger index` (catchUpIndex) appends pages of INDEX_CATCH_UP_PAGE in a transaction each; the projector
// appends its batches (LEDGER_PROJECTOR_BATCH, default 10,000) inside the transaction that writes the read models.
const CLI_PAGE = INDEX_CATCH_UP_PAGE;
const READ_PAGE = 1_000;
const PROJECTOR_BATCH = 2_000;
const ROUNDS = 3;
const REFERENCE = "raw SHA-256 (node:crypto) of the same leaf bytes";

async function readEvents(store: EventStore, count: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0n; events.length < count;) {
    const page = await store.readAll({ after, maxCount: Math.min(READ_PAGE, count - events.length) });
    if (page.events.length === 0) throw new Error(`the log ends at ${events.length} events`);
    events.push(...page.events);
    after = page.next;
  }
  return events;
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

function freshFile(file: string): string {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  return file;
}

/** Merkle appends over real events, each beside plain hashing of the very bytes those leaves commit to. */
export async function merkleAppendFigures(store: EventStore, dir: string, count: number): Promise<Figure[]> {
  const events = await readEvents(store, count);
  // Serialized before timing, so the reference is the hashing alone: the floor under any Merkle append.
  const bytes = events.map((event) => leafBytes(event));
  const hashes = events.map((event) => eventLeafHash(event));
  const sha256 = () => rate(count, () => void bytes.forEach((b) => createHash("sha256").update(b).digest()));
  // The appends hash with one-shot crypto.hash; this line shows how much of a ratio that alone is.
  const oneShot = () => rate(count, () => void bytes.forEach((b) => hash("sha256", b, "buffer")));

  const cliFile = join(dir, "merkle-cli.db");
  const cliAppend = () => {
    const index = openMerkleIndex(freshFile(cliFile));
    return rate(count, () => chunks(events, CLI_PAGE).forEach((page) => index.append(page))).finally(() =>
      index.close(),
    );
  };
  const projectorFile = join(dir, "merkle-projector.db");
  const projectorAppend = () => {
    const db = new Database(freshFile(projectorFile));
    applyPragmas(db, { busyTimeoutMs: 5_000 });
    const index = openMerkleIndex(db);
    const batch = db.transaction((some: RecordedEvent[]) => index.append(some));
    return rate(count, () => chunks(events, PROJECTOR_BATCH).forEach(batch)).finally(() => db.close());
  };
  const inMemory = () =>
    rate(count, () => void events.reduce((r, e) => (r.append(eventLeafHash(e)), r), new CompactRange()));
  const treeOnly = () => rate(count, () => void hashes.reduce((r, h) => (r.append(h), r), new CompactRange()));

  const figure = async (name: string, subject: () => Promise<number>): Promise<Figure> => {
    const result = await interleaved(ROUNDS, subject, sha256);
    return { name, value: result.subject, unit: "leaves/s", reference: REFERENCE, referenceValue: result.reference };
  };
  const figures = [
    await figure(
      `Merkle index append, own file, pages of ${CLI_PAGE.toLocaleString("en-US")} (\`ledger index\`)`,
      cliAppend,
    ),
    await figure(
      `Merkle index append in the caller's transaction, batches of ${PROJECTOR_BATCH.toLocaleString("en-US")} (projector)`,
      projectorAppend,
    ),
    await figure("in memory: leaf hash of each event + CompactRange.append", inMemory),
    await figure("CompactRange.append alone (leaf hashes ready)", treeOnly),
    await figure("raw SHA-256 of the same leaf bytes, one-shot `crypto.hash`", oneShot),
  ];
  for (const file of [cliFile, projectorFile]) assertSameRoot(file, hashes);
  return figures;
}

/** The timed index must hold the tree the leaves make, or a broken append could pass for a fast one. */
function assertSameRoot(indexFile: string, hashes: Buffer[]): void {
  const index = openMerkleIndex(indexFile, { readonly: true });
  try {
    const expected = hashes.reduce((r, h) => (r.append(h), r), new CompactRange()).root();
    if (!index.root().equals(expected)) throw new Error(`the Merkle index in ${indexFile} has the wrong root`);
  } finally {
    index.close();
  }
}

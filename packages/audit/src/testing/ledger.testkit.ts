import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { LEDGER_HEADS_STREAM, type LedgerHeadSigned } from "@relief-ledger/domain";
import { openSqliteEventStore, type EventStore, type RecordedEvent } from "@relief-ledger/event-store";
import Database from "better-sqlite3";
import { signNextHead } from "../heads/sign-next-head.js";
import { catchUpIndex } from "../merkle-index/catch-up.js";
import { openMerkleIndex } from "../merkle-index/merkle-index.js";
import { eventIdOf } from "./events.testkit.js";
import { generateSigningKeyPem, signingKeyFromPem, type SigningKey } from "../signing/signing-key.js";

export interface SignedHeadAt {
  head: LedgerHeadSigned;
  position: bigint;
  eventId: string;
}

export interface BuiltLedger {
  storeFile: string;
  indexFile: string;
  key: SigningKey;
  /** In signing order: at least two, of different sizes, with events after the last. */
  heads: SignedHeadAt[];
  /**
   * The whole log as written, heads included; events[i] is at position i + 1, since this fixture is
   * a SQLite file opened with its own dense positions (the tamper tests edit rows by position).
   */
  events: RecordedEvent[];
}

const STREAMS = ["cbo-ashodaya", "cbo-vamp", "donor-azim", "policy-dedup", "submission-a", "submission-b", "fund-1"];
let serial = 0;

/** Appends `count` events in batches of one to four, over several streams, interleaved. */
async function appendEvents(store: EventStore, count: number): Promise<void> {
  for (let written = 0, batch = 0; written < count; batch++) {
    const size = Math.min(count - written, (batch % 4) + 1);
    const events = Array.from({ length: size }, () => {
      const n = serial++;
      return {
        id: eventIdOf(1_000_000 + n),
        type: "KitDistributed",
        data: { n, note: `kit ${n}`, ref: `pseudo-${n}` },
      };
    });
    await store.append(STREAMS[(batch * 3) % STREAMS.length]!, events);
    written += size;
  }
}

async function signNow(store: EventStore, indexFile: string, key: SigningKey): Promise<SignedHeadAt> {
  const index = openMerkleIndex(indexFile);
  await catchUpIndex(store, index);
  const result = await signNextHead({ store, index, key });
  index.close();
  if (!result.signed) throw new Error(result.reason);
  const [event] = await store.readStream(LEDGER_HEADS_STREAM, { fromRevision: result.revision, maxCount: 1 });
  return { head: result.head, position: result.position, eventId: event!.id };
}

/** A few hundred events, two signed heads and an unsigned tail, in a real SQLite store and index. */
export async function buildLedger(dir: string): Promise<BuiltLedger> {
  const storeFile = join(dir, "events.db");
  const indexFile = join(dir, "merkle-index.db");
  const key = signingKeyFromPem(generateSigningKeyPem());
  const store = openSqliteEventStore({ file: storeFile, positions: "dense" });
  await appendEvents(store, 150);
  const first = await signNow(store, indexFile, key);
  await appendEvents(store, 120);
  const second = await signNow(store, indexFile, key);
  await appendEvents(store, 40);
  const index = openMerkleIndex(indexFile);
  await catchUpIndex(store, index);
  index.close();
  const events = (await store.readAll({ maxCount: 10_000 })).events;
  await store.close();
  return { storeFile, indexFile, key, heads: [first, second], events };
}

/** Copies the ledger's files (WAL included, if any) for one tampering. */
export function copyLedger(built: BuiltLedger, dir: string, name: string): { storeFile: string; indexFile: string } {
  const copy = (file: string, to: string) => {
    for (const suffix of ["", "-wal", "-shm"]) if (existsSync(file + suffix)) copyFileSync(file + suffix, to + suffix);
    return to;
  };
  return {
    storeFile: copy(built.storeFile, join(dir, `${name}-events.db`)),
    indexFile: copy(built.indexFile, join(dir, `${name}-index.db`)),
  };
}

/** Runs raw SQL on a file, as someone with access to the disk would. */
export function tamper(file: string, run: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    run(db);
  } finally {
    db.close();
  }
}

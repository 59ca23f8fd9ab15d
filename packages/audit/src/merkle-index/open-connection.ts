import Database from "better-sqlite3";
import type { Database as Connection } from "better-sqlite3";
import { applyPragmas } from "@relief-ledger/event-store";

export interface MerkleIndexOptions {
  /** For verifiers and provers: never creates the file or writes to it. */
  readonly?: boolean;
  busyTimeoutMs?: number;
}

/** The same durability as the event store: WAL, synchronous=FULL, several processes on one file. */
export function openConnection(file: string, options: MerkleIndexOptions): Connection {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  if (!options.readonly) {
    const db = new Database(file);
    applyPragmas(db, { busyTimeoutMs });
    return db;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return db;
}

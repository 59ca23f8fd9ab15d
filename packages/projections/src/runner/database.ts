import Database from "better-sqlite3";
import { checkReadModelVersion } from "./version.js";

export interface WritableOptions {
  /**
   * `normal` (the live projector): WAL with synchronous=NORMAL never corrupts the file, and a
   * power cut can only take back the last batches — which the projector re-applies from the
   * store to the same result, because projections are deterministic and the checkpoint commits
   * with them. `none` (a rebuild into a temporary file): nothing is synced until the rebuild
   * syncs the finished file before renaming it into place, so a crash leaves only a temp file.
   */
  sync?: "normal" | "none";
}

// The pages of the distributions, persons and totals indexes that a batch touches are spread over
// the whole file; a 64 MiB cache keeps most of them in memory, a fixed cost that does not grow.
const CACHE_KIB = 65_536;

/** The read-model file as the projector writes it. WAL lets the query service read meanwhile. */
export function openWritable(file: string, { sync = "normal" }: WritableOptions = {}): Database.Database {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${sync === "none" ? "OFF" : "NORMAL"}`);
  db.pragma(`cache_size = -${CACHE_KIB}`);
  checkReadModelVersion(db, file);
  return db;
}

/** The read model for queries: read-only, so nothing but the projector ever writes it. */
export function openReadModel(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}

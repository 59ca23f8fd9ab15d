import Database from "better-sqlite3";

/**
 * The read-model file as the projector writes it. WAL lets the query service read while the
 * projector writes; synchronous=FULL makes a batch durable once committed, so nothing a reader
 * was shown is rolled back by a power cut and replayed differently.
 */
export function openWritable(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  return db;
}

/** The read model for queries: read-only, so nothing but the projector ever writes it. */
export function openReadModel(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}

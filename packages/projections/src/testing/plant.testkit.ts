import Database from "better-sqlite3";

/**
 * Writes into a read model behind the projector's back, as a bug or a hand edit would: for tests
 * that a broken invariant stops the projector instead of being built on.
 */
export function plantInReadModel(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

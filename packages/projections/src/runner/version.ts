import type { Database } from "better-sqlite3";

/**
 * The layout of the read-model tables. Bump it when a projection's tables or their meaning
 * change: a file written by another layout cannot be carried on, only rebuilt from the log.
 */
export const READ_MODEL_VERSION = 4;

export class ReadModelVersionError extends Error {
  constructor(file: string, found: number) {
    super(
      `${file} holds read models of layout ${found}, this version writes layout ${READ_MODEL_VERSION}: ` +
        "stop the services and run `ledger projections rebuild` to rebuild it from the event store",
    );
    this.name = "ReadModelVersionError";
  }
}

/** Stamps a fresh file with this layout, and refuses one written by another. */
export function checkReadModelVersion(db: Database, file: string): void {
  const found = db.pragma("user_version", { simple: true }) as number;
  if (found === READ_MODEL_VERSION) return;
  const tables = db.prepare<[], number>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").pluck().get()!;
  if (tables > 0) {
    db.close();
    throw new ReadModelVersionError(file, found);
  }
  db.pragma(`user_version = ${READ_MODEL_VERSION}`);
}

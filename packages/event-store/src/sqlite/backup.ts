import { existsSync } from "node:fs";
import Database from "better-sqlite3";

/** A backup or restore that cannot go ahead; the message names no data. */
export class SnapshotError extends Error {
  override name = "SnapshotError";
}

export interface SqliteSnapshot {
  /** The position of the last event in the copy: everything at or before it is there. */
  position: bigint;
  events: number;
}

// After a first small step, the rest of the file in one step: one read transaction, so the copy
// is the log as of one commit. (A commit by another connection between steps makes SQLite restart
// the copy from the start in the next step, which then also completes in one go.)
const REST_OF_FILE_PAGES = 0x7fff_ffff;

/**
 * Copies a live SQLite event store to `destination` with SQLite's online backup API while other
 * processes keep appending (WAL readers never block the writer). The copy is checked (integrity,
 * positions 1…N without gaps) and made a single self-contained file (journal_mode=DELETE).
 */
export async function backupSqliteEventStore(source: string, destination: string): Promise<SqliteSnapshot> {
  if (!existsSync(source)) throw new SnapshotError("no event store at the backup's source");
  if (existsSync(destination)) throw new SnapshotError("the backup's destination exists already");
  // Not `readonly`: a read-only connection cannot take part in WAL recovery; this one only reads.
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    await live.backup(destination, { progress: () => REST_OF_FILE_PAGES });
  } finally {
    live.close();
  }
  return checkSnapshot(destination, { selfContained: true });
}

/** Checks a copied store and says how far it reaches; refuses a damaged or gapped one. */
export function checkSnapshot(file: string, { selfContained = false } = {}): SqliteSnapshot {
  const copy = new Database(file, { fileMustExist: true, readonly: !selfContained });
  try {
    if (selfContained) copy.pragma("journal_mode = DELETE");
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new SnapshotError("the copy of the event store fails its integrity check");
    const { events, position } = copy
      .prepare<[], { events: number; position: number | null }>(
        "SELECT COUNT(*) AS events, MAX(position) AS position FROM events",
      )
      .get()!;
    // Positions are assigned 1, 2, 3… and never deleted: a copy with a gap is not the log.
    if ((position ?? 0) !== events) throw new SnapshotError("the copy of the event store has a gap in its positions");
    return { position: BigInt(position ?? 0), events };
  } finally {
    copy.close();
  }
}

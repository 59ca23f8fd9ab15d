import { randomUUID } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { EventStore } from "@relief-ledger/event-store";
import { openProjector } from "./projector.js";

export interface RebuildOptions {
  store: EventStore;
  file: string;
  batchSize?: number;
}

const removeWithSideFiles = (file: string) => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
};

/**
 * Leaves a database as one self-contained file: any WAL folded in and removed. It needs the
 * file to itself, which is how a projector still writing the live file is detected.
 */
function toSingleFile(file: string): void {
  const db = new Database(file, { timeout: 1_000 });
  let mode: unknown;
  try {
    mode = db.pragma("journal_mode = DELETE", { simple: true });
  } catch {
    // SQLITE_BUSY: another connection has it open.
  } finally {
    db.close();
  }
  if (mode !== "delete") throw new Error(`${file} is still open elsewhere: stop its projector (and readers) first`);
}

/**
 * Builds the read model afresh from position 0 into a temporary file beside `file`, then renames
 * it over `file` in one atomic step: a reader opening the file sees the old model or the new,
 * never a mix. The projector of `file` must be stopped first (it is refused if it is still
 * writing). Processes that keep the old file open go on reading the old model until they reopen.
 */
export async function rebuild({
  store,
  file,
  batchSize,
}: RebuildOptions): Promise<{ checkpoint: bigint; digest: string }> {
  // Fail fast, before the work of a rebuild, if the live file is still in use; checked again at the end.
  if (existsSync(file)) toSingleFile(file);
  const temp = `${file}.rebuild-${randomUUID()}`;
  try {
    const projector = openProjector({ store, file: temp, ...(batchSize ? { batchSize } : {}) });
    let result: { checkpoint: bigint; digest: string };
    try {
      await projector.runOnce();
      result = { checkpoint: projector.checkpoint(), digest: projector.digest() };
    } finally {
      await projector.close();
    }
    toSingleFile(temp);
    // A WAL left beside the old file would be replayed into the new one: fold it in, then drop it.
    if (existsSync(file)) toSingleFile(file);
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
    renameSync(temp, file);
    const dir = openSync(dirname(file), "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    return result;
  } catch (error) {
    removeWithSideFiles(temp);
    throw error;
  }
}

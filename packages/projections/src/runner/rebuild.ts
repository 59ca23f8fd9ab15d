import { randomUUID } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { EventStore } from "@relief-ledger/event-store";
import { openProjector, type ProjectorOptions } from "./projector.js";

export interface RebuildOptions {
  store: EventStore;
  file: string;
  batchSize?: number;
  /**
   * The live projector's batch step, so the fresh file holds what it writes too (the service's
   * Merkle index). Without it the file has only the read models, and whatever the step keeps is
   * rebuilt by its owner: the projector service catches its index up when it next starts.
   */
  step?: ProjectorOptions["step"];
  /** Called after each batch with the number of events read so far (for a progress bar). */
  onProgress?: (events: number) => void;
}

const removeWithSideFiles = (file: string) => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
};

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

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
  step,
  onProgress,
}: RebuildOptions): Promise<{ checkpoint: bigint; digest: string }> {
  // Fail fast, before the work of a rebuild, if the live file is still in use; checked again at the end.
  if (existsSync(file)) toSingleFile(file);
  const temp = `${file}.rebuild-${randomUUID()}`;
  try {
    let read = 0;
    const projector = openProjector({
      store,
      file: temp,
      step,
      sync: "none",
      ...(batchSize ? { batchSize } : {}),
      ...(onProgress && { onBatch: (_checkpoint: bigint, events: number) => onProgress((read += events)) }),
    });
    let result: { checkpoint: bigint; digest: string };
    try {
      await projector.runOnce();
      result = { checkpoint: projector.checkpoint(), digest: projector.digest() };
    } finally {
      await projector.close();
    }
    toSingleFile(temp);
    // Written unsynced (sync: "none"): made durable here, once, before it can replace the live file.
    fsyncPath(temp);
    // A WAL left beside the old file would be replayed into the new one: fold it in, then drop it.
    if (existsSync(file)) toSingleFile(file);
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
    renameSync(temp, file);
    fsyncPath(dirname(file));
    return result;
  } catch (error) {
    removeWithSideFiles(temp);
    throw error;
  }
}

import { randomUUID } from "node:crypto";
import { existsSync, renameSync, rmSync } from "node:fs";
import { fsyncPath } from "@relief-ledger/event-store/durable-file";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { EventStore } from "@relief-ledger/event-store";
import { createFold } from "../fold/fold.js";
import { PROJECTIONS } from "../projections.js";
import { openWritable } from "./database.js";
import type { ProjectorOptions } from "./projector.js";
import { RUNNER_SCHEMA } from "./schema.js";
import { combineDigests, digestTables } from "../digest.js";
import { WrittenDigest } from "../fold/written-digest.js";
import { digestGroups } from "./writer.js";

export interface RebuildOptions {
  store: EventStore;
  file: string;
  /** Events per read of the log (and per call of the step). */
  batchSize?: number;
  /**
   * The live projector's batch step, so the fresh file holds what it writes too (the service's
   * Merkle index). Without it the file has only the read models, and whatever the step keeps is
   * rebuilt by its owner: the projector service catches its index up when it next starts.
   */
  step?: ProjectorOptions["step"];
  /** Called after each page with the number of events read so far (for a progress bar). */
  onProgress?: (events: number) => void;
}

const REBUILD_CACHE_KIB = 8_192;
/**
 * Events per read of the log. A page's events die before the next page is read; pages of 1,000
 * are collected young, where pages of 5,000 lived long enough to be moved to the old generation
 * and made the heap grow (a bare readAll of 1,000,000 events peaked at 252 against 139 MiB).
 */
export const REBUILD_PAGE = 1_000;

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

/** The schema's statements, indexes apart: a table is filled first and indexed once, at the end. */
function splitSchema(schema: string): { tables: string; indexes: string } {
  const statements = schema
    .split(";")
    .map((statement) => statement.trim())
    .filter(Boolean);
  const isIndex = (statement: string) => /^CREATE\s+(UNIQUE\s+)?INDEX/i.test(statement);
  const join = (list: string[]) => list.map((statement) => `${statement};`).join("\n");
  return { tables: join(statements.filter((s) => !isIndex(s))), indexes: join(statements.filter(isIndex)) };
}

/**
 * Folds the whole log in memory (fold/fold.ts) and writes every read-model table once, in key
 * order, into `file`, a fresh database; then indexes it. The step, if any, runs per page of the
 * log in a transaction of its own, as it would in the live projector.
 */
async function foldInto(
  file: string,
  { store, batchSize = REBUILD_PAGE, step, onProgress }: Omit<RebuildOptions, "file">,
): Promise<{ checkpoint: bigint; digest: string }> {
  const db = openWritable(file, { sync: "none" });
  try {
    // A fresh temporary file that no one else reads: written without a journal, each page once
    // (a WAL would write it twice). A crash or an error leaves only the temp file, which is removed.
    db.pragma("journal_mode = OFF");
    // Tables are written in key order, so a page is finished before the next: a small cache will do,
    // and it is memory a replay does not need (the live projector's 64 MiB serve random keys); 8 MiB, not 16, as memory counts for a replay (decisions/0044).
    db.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
    const stepOf = step?.(db);
    const schemas = [RUNNER_SCHEMA, ...PROJECTIONS.map((projection) => projection.schema)].map(splitSchema);
    for (const { tables } of schemas) db.exec(tables);
    const fold = createFold();
    let read = 0;
    for (let after = 0n; ;) {
      const page = await store.readAll({ after, maxCount: batchSize });
      if (page.events.length > 0) {
        const from = fold.checkpoint();
        if (stepOf) db.transaction(() => stepOf({ events: page.events, after: from }))();
        fold.add(page.events);
        onProgress?.((read += page.events.length));
      }
      if (page.isEnd) break;
      after = page.next;
    }
    const groups = digestGroups(db, PROJECTIONS);
    const written = new WrittenDigest(groups);
    db.transaction(() => fold.write(db, written))();
    for (const { indexes } of schemas) db.exec(indexes);
    // The digest of the rows as the fold wrote them (fold/written-digest.ts); a group it cannot
    // vouch for is read back from the file by the live writer's code.
    const results = written.results();
    const digests = Object.fromEntries(
      Object.entries(groups).map(([name, tables]) => [name, results[name] ?? digestTables(db, tables)]),
    );
    return { checkpoint: fold.checkpoint(), digest: combineDigests(digests) };
  } finally {
    db.close();
  }
}

/**
 * Builds the read model afresh from position 0 into a temporary file beside `file`, then renames
 * it over `file` in one atomic step: a reader opening the file sees the old model or the new,
 * never a mix. The projector of `file` must be stopped first (it is refused if it is still
 * writing). Processes that keep the old file open go on reading the old model until they reopen.
 * The model is folded in memory (decisions/0026), not projected batch by batch: its digest is the
 * live projector's for the same log, which the rebuild and fold tests hold it to.
 */
export async function rebuild({ file, ...options }: RebuildOptions): Promise<{ checkpoint: bigint; digest: string }> {
  // Fail fast, before the work of a rebuild, if the live file is still in use; checked again at the end.
  if (existsSync(file)) toSingleFile(file);
  const temp = `${file}.rebuild-${randomUUID()}`;
  try {
    const result = await foldInto(temp, options);
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

import type { Database } from "better-sqlite3";
import { readModelCheckpoint } from "@relief-ledger/projections";
import type { ReadModel } from "./read-model.js";

/** A value read from the read model, with its JSON ready to send. Shared between requests: never mutate it. */
export interface Snapshot<T> {
  value: T;
  json: Buffer;
}

export interface ReadModelCache {
  /**
   * What `compute` gives for `key` at the read model's current checkpoint, computed once per
   * checkpoint. Nothing is cached when `compute` finds nothing (undefined), so a miss costs a query.
   */
  read<T>(key: string, compute: (db: Database) => T | undefined): Promise<Snapshot<T> | undefined>;
}

/**
 * Answers reused until the read model changes. The projector commits every change together with
 * its checkpoint (runner/writer.ts), so while the checkpoint stands still every answer computed
 * at it is still the answer; when it moves, or a rebuilt file is swapped in, all are dropped.
 *
 * Looking at the checkpoint is a read transaction, and on SQLite's rollback journal that is
 * several system calls: more than the rest of a cached answer. So the requests that arrive in one
 * turn of the event loop wait for one look, taken after all of them arrived (setImmediate runs
 * once the turn's I/O callbacks are done). Every answer is therefore the read model as it stood
 * at some moment between its request arriving and its response leaving, as a query of its own
 * would be; a request arriving after the look waits for the next one.
 */
export function readModelCache(readModel: ReadModel, maxBytes = 32 * 1024 * 1024): ReadModelCache {
  let connection: Database | undefined;
  let checkpoint: string | undefined;
  const entries = new Map<string, Snapshot<unknown>>();
  let bytes = 0;
  const clear = () => {
    entries.clear();
    bytes = 0;
  };

  const checkpointOf = (db: Database) => {
    if (connection !== db) {
      connection = db;
      clear();
    }
    return readModelCheckpoint(db) ?? "none";
  };

  const moveTo = (now: string) => {
    if (now === checkpoint) return;
    clear();
    checkpoint = now;
  };

  let nextLook: Promise<Database> | undefined;
  const look = (): Promise<Database> =>
    (nextLook ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      nextLook = undefined; // requests from here on arrived after this look: they get the next
      const db = readModel.db();
      moveTo(checkpointOf(db));
      return db;
    }));

  const remember = (key: string, snapshot: Snapshot<unknown>) => {
    // Keys are ids that exist (unknown ones are not cached), so this rarely fills; when it does,
    // the oldest answers go first. The bound counts JSON bytes; the values take a few times that.
    if (snapshot.json.length > maxBytes) return;
    for (const [oldest, { json }] of entries) {
      if (bytes + snapshot.json.length <= maxBytes) break;
      entries.delete(oldest);
      bytes -= json.length;
    }
    entries.set(key, snapshot);
    bytes += snapshot.json.length;
  };

  return {
    async read<T>(key: string, compute: (db: Database) => T | undefined): Promise<Snapshot<T> | undefined> {
      const db = await look();
      const cached = entries.get(key) as Snapshot<T> | undefined;
      if (cached) return cached;
      // The checkpoint is read again in the same read transaction as the value, so the value is
      // filed under the checkpoint it was computed at even if the projector committed meanwhile.
      const [at, value] = db.transaction(() => [checkpointOf(db), compute(db)] as const)();
      if (value === undefined) return undefined;
      const snapshot: Snapshot<T> = { value, json: Buffer.from(JSON.stringify(value)) };
      moveTo(at);
      remember(key, snapshot);
      return snapshot;
    },
  };
}

import Database from "better-sqlite3";
import { CorruptEventError, EventStoreError, WrongExpectedRevisionError } from "../errors.js";
import { pollingSubscription, sleepUntilWoken } from "../polling-subscription.js";
import { liveSubscriptions } from "../running-subscription.js";
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from "../types.js";
import {
  assertAppendArgs,
  assertInteger,
  assertPosition,
  assertReadAllArgs,
  assertReadStreamArgs,
  serializeBatch,
  type SerializedEvent,
} from "../validate.js";
import { EVENTS_SCHEMA, EVENT_COLUMNS, applyPragmas, type EventRow } from "./schema.js";
import { sparsePositionsWanted, withSparsePositions } from "./sparse-positions.js";

export interface SqliteEventStoreOptions {
  /** Path of the database file; it is created on first use. */
  file: string;
  /** How long a writer waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
  /** How often a live subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
  /**
   * Never writes: no schema, no journal-mode change, so any copy opens (a WAL file, a VACUUM INTO
   * copy in rollback-journal mode, a file on read-only media). Fails if the file does not exist.
   */
  readonly?: boolean;
  /**
   * `dense` (the default) hands out the file's own positions 1, 2, 3…; `sparse-for-tests` packs
   * them as EventStoreDB-like sparse positions (see sparse-positions.ts). Left unset, the
   * `LEDGER_TEST_SPARSE_POSITIONS=1` environment variable chooses the latter, so a whole test run
   * can prove nothing outside the adapters relies on density.
   */
  positions?: "dense" | "sparse-for-tests";
}

function parseStored(row: EventRow, json: string): JsonObject {
  try {
    return JSON.parse(json) as JsonObject;
  } catch {
    throw new CorruptEventError(BigInt(row.position));
  }
}

const toRecorded = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  stream: row.stream,
  revision: row.revision,
  position: BigInt(row.position),
  type: row.type,
  data: parseStored(row, row.data),
  metadata: parseStored(row, row.metadata),
  recordedAt: row.recorded_at,
});

const isDuplicateEventId = (error: unknown): boolean =>
  error instanceof Database.SqliteError &&
  error.code === "SQLITE_CONSTRAINT_UNIQUE" &&
  error.message.includes("events.event_id");

function checkExpected(stream: string, expected: ExpectedRevision, current: number | undefined): void {
  const ok =
    expected === "any" ||
    (expected === "no_stream" && current === undefined) ||
    (expected === "stream_exists" && current !== undefined) ||
    expected === current;
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, current ?? "no_stream");
}

function openReadOnlyOrWritable(options: SqliteEventStoreOptions): Database.Database {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  if (!options.readonly) {
    const db = new Database(options.file);
    applyPragmas(db, { busyTimeoutMs });
    return db;
  }
  // Setting journal_mode = WAL is a write: on a copy in rollback-journal mode it fails with
  // SQLITE_READONLY. A reader takes the file's mode as it is.
  const db = new Database(options.file, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return db;
}

/** The embedded default: one SQLite file, safe for several processes on one machine. */
export function openSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const store = openDenseSqliteEventStore(options);
  const positions = options.positions ?? (sparsePositionsWanted() ? "sparse-for-tests" : "dense");
  return positions === "dense" ? store : withSparsePositions(store);
}

function openDenseSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const db = openReadOnlyOrWritable(options);
  if (!options.readonly) db.exec(EVENTS_SCHEMA);
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const appended = new EventTarget();
  const subscriptions = liveSubscriptions();
  let closed = false;

  const streamRevision = db.prepare<[string], { revision: number | null }>(
    "SELECT MAX(revision) AS revision FROM events WHERE stream = ?",
  );
  const headPosition = db.prepare<[], { position: number | null }>("SELECT MAX(position) AS position FROM events");
  const countAfter = db
    .prepare<[bigint, number], number>("SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE position > ? LIMIT ?)")
    .pluck();
  const byEventId = db.prepare<[string], { stream: string; revision: number; position: number }>(
    "SELECT stream, revision, position FROM events WHERE event_id = ?",
  );
  const streamSlice = db.prepare<[string, number, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  );
  const logPage = db.prepare<[bigint, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  );
  const insert = db.prepare(
    "INSERT INTO events (position, stream, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );

  /** A retry of a batch already stored whole, at the place the writer expected, succeeds as a no-op. */
  const replayOfStoredBatch = (stream: string, expected: ExpectedRevision, batch: SerializedEvent[]) => {
    const first = byEventId.get(batch[0]!.id);
    if (!first) return undefined;
    const stored = first.stream === stream ? streamSlice.all(stream, first.revision, batch.length) : [];
    const sameBatch = stored.length === batch.length && stored.every((row, i) => row.event_id === batch[i]!.id);
    if (!sameBatch) {
      throw new EventStoreError("DUPLICATE_EVENT_ID", `event ${first.stream}@${first.revision} already has this id`);
    }
    checkExpected(stream, expected, first.revision === 0 ? undefined : first.revision - 1);
    return {
      nextExpectedRevision: first.revision + batch.length - 1,
      firstPosition: BigInt(first.position),
      lastPosition: BigInt(stored[stored.length - 1]!.position),
    };
  };

  const appendBatch = db.transaction(
    (stream: string, expected: ExpectedRevision, batch: SerializedEvent[]): AppendResult => {
      const replay = replayOfStoredBatch(stream, expected, batch);
      if (replay) return replay;
      const current = streamRevision.get(stream)?.revision ?? undefined;
      checkExpected(stream, expected, current);
      const firstRevision = (current ?? -1) + 1;
      const firstPosition = (headPosition.get()?.position ?? 0) + 1;
      const recordedAt = new Date().toISOString();
      batch.forEach((event, i) => {
        try {
          insert.run(
            firstPosition + i,
            stream,
            firstRevision + i,
            event.id,
            event.type,
            event.data,
            event.metadata,
            recordedAt,
          );
        } catch (error) {
          if (isDuplicateEventId(error)) {
            throw new EventStoreError("DUPLICATE_EVENT_ID", `events[${i}].id is already stored`);
          }
          throw error;
        }
      });
      return {
        nextExpectedRevision: firstRevision + batch.length - 1,
        firstPosition: BigInt(firstPosition),
        lastPosition: BigInt(firstPosition + batch.length - 1),
      };
    },
  );

  const ensureOpen = () => {
    if (closed) throw new EventStoreError("STORE_CLOSED", "the event store is closed");
  };

  const readPage = (after: bigint, maxCount: number): ReadAllPage => {
    ensureOpen();
    const rows = logPage.all(after, maxCount);
    const last = rows[rows.length - 1];
    return {
      events: rows.map(toRecorded),
      next: last ? BigInt(last.position) : after,
      isEnd: rows.length < maxCount,
    };
  };

  return {
    densePositions: true,

    async append(stream: string, events: EventToAppend[], options: AppendOptions = {}) {
      ensureOpen();
      const expected = options.expectedRevision ?? "any";
      assertAppendArgs(stream, expected);
      const batch = serializeBatch(events);
      // IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout
      // instead of deadlocking on a read-to-write upgrade.
      const result = appendBatch.immediate(stream, expected, batch);
      appended.dispatchEvent(new Event("append"));
      return result;
    },

    async readStream(stream: string, options: ReadStreamOptions = {}) {
      ensureOpen();
      const from = options.fromRevision ?? 0;
      const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
      assertReadStreamArgs(stream, from, maxCount);
      return streamSlice.all(stream, from, maxCount).map(toRecorded);
    },

    async readAll(options: ReadAllOptions = {}) {
      const after = options.after ?? 0n;
      const maxCount = options.maxCount ?? 1_000;
      assertReadAllArgs(after, maxCount);
      return readPage(after, maxCount);
    },

    async headPosition() {
      ensureOpen();
      return BigInt(headPosition.get()?.position ?? 0);
    },

    async countEventsAfter(after: bigint, atMost: number) {
      ensureOpen();
      assertPosition(after, "after");
      assertInteger(atMost, "atMost", "INVALID_COUNT");
      return countAfter.get(after, atMost) ?? 0;
    },

    subscribe(options: SubscribeOptions): Subscription {
      ensureOpen();
      const subscription = pollingSubscription(
        {
          readAll: async (after, maxCount) => readPage(after, maxCount),
          waitForAppend: (signal) => sleepUntilWoken(pollIntervalMs, appended, signal),
        },
        options,
      );
      return subscriptions.add(subscription);
    },

    async close() {
      if (closed) return;
      await subscriptions.stopAll();
      closed = true;
      db.close();
    },
  };
}

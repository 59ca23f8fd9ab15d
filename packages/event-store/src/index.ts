export type * from "./types.js";
export {
  CorruptEventError,
  EventStoreError,
  OutcomeUnknownError,
  WrongExpectedRevisionError,
  isEventStoreError,
  type EventStoreErrorCode,
} from "./errors.js";
export { MAX_BATCH_BYTES, MAX_EVENT_BYTES, MAX_PAGE_SIZE } from "./validate.js";
export { openSqliteEventStore, type SqliteEventStoreOptions } from "./sqlite/sqlite-event-store.js";
export { openEsdbEventStore, type EsdbEventStoreOptions } from "./eventstoredb/esdb-event-store.js";
export { openEventStore } from "./open.js";
export { backupSqliteEventStore, checkSnapshot, SnapshotError, type SqliteSnapshot } from "./sqlite/backup.js";
export { countByReading } from "./count-events.js";
// For benchmarks and audit tooling that must measure or inspect the raw table.
export { EVENTS_SCHEMA, applyPragmas } from "./sqlite/schema.js";

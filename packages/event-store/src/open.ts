import { openEsdbEventStore } from "./eventstoredb/esdb-event-store.js";
import { openSqliteEventStore } from "./sqlite/sqlite-event-store.js";
import type { EventStore } from "./types.js";

/**
 * Opens the store a location names: `esdb://…` or `kurrentdb://…` for EventStoreDB/KurrentDB,
 * `sqlite:PATH` or a plain file path for the embedded SQLite store.
 */
export function openEventStore(location: string): EventStore {
  if (/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\//.test(location)) {
    return openEsdbEventStore({ connectionString: location });
  }
  const file = location.replace(/^sqlite:/, "");
  if (file.length === 0) throw new TypeError("the event store location is empty");
  return openSqliteEventStore({ file });
}

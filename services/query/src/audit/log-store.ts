import { openEventStore, openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { HttpError } from "@relief-ledger/http";

/** The event store, opened for reading on first use: proofs carry the event as the log holds it. */
export interface LogStore {
  get(): EventStore;
  close(): Promise<void>;
}

// The query service never writes: an SQLite store is opened read-only (which also never creates
// the file); an EventStoreDB client only ever reads here.
export function openForReading(location: string): EventStore {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return openEventStore(location);
  return openSqliteEventStore({ file: location.replace(/^sqlite:/, ""), readonly: true });
}

export function lazyLogStore(location: string): LogStore {
  let store: EventStore | undefined;
  return {
    get() {
      if (store) return store;
      try {
        store = openForReading(location);
      } catch {
        throw new HttpError(503, "not_ready", "the event store cannot be opened yet");
      }
      return store;
    },
    close: async () => store?.close(),
  };
}

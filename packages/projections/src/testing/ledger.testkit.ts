import { randomUUID } from "node:crypto";
import type { Database } from "better-sqlite3";
import { SCHEMA_VERSION, streamFor, type LedgerEvent } from "@relief-ledger/domain";
import { openSqliteEventStore, type EventStore, type EventToAppend } from "@relief-ledger/event-store";
import { openReadModel } from "../runner/database.js";
import { openProjector } from "../runner/projector.js";
import { tempDir } from "@relief-ledger/event-store/testing";

const METADATA = {
  recordedAt: "2025-01-15T09:30:00.000Z",
  principal: { role: "admin", keyId: "k-test" },
  correlationId: "test",
  schemaVersion: SCHEMA_VERSION,
};

export const toAppend = (event: LedgerEvent): EventToAppend => ({
  id: randomUUID(),
  type: event.type,
  data: event.data,
  metadata: METADATA,
});

/** Appends events to their streams, one append per run of events that share a stream. */
export async function appendEvents(store: EventStore, events: LedgerEvent[]): Promise<void> {
  for (let i = 0; i < events.length;) {
    const stream = streamFor(events[i]!);
    let j = i + 1;
    while (j < events.length && streamFor(events[j]!) === stream) j++;
    await store.append(stream, events.slice(i, j).map(toAppend));
    i = j;
  }
}

/**
 * Appends events to the SQLite store in `files.store` and runs the projector over them once into
 * `files.readModel`, as the projector service would; closes both whatever happens. For tests of
 * services that read the files the projector writes (the query service, the CLI).
 */
export async function appendAndProject(files: { store: string; readModel: string }, events: LedgerEvent[]) {
  const store = openSqliteEventStore({ file: files.store });
  try {
    await appendEvents(store, events);
    const projector = openProjector({ store, file: files.readModel });
    await projector.runOnce();
    await projector.close();
  } finally {
    await store.close();
  }
}

/** A real event store and read model in a temp dir, with the projector and a read connection. */
export async function openLedger({ batchSize }: { batchSize?: number } = {}) {
  const dir = tempDir("ledger-projections");
  const store = openSqliteEventStore({ file: dir.file("events.db") });
  const file = dir.file("read-model.db");
  const projector = openProjector({ store, file, ...(batchSize ? { batchSize } : {}) });
  let reader: Database | undefined;
  return {
    dir,
    store,
    file,
    projector,
    append: (...events: LedgerEvent[]) => appendEvents(store, events),
    /** Catches the projector up and returns a read-only connection to the model. */
    async project(): Promise<Database> {
      await projector.runOnce();
      reader ??= openReadModel(file);
      return reader;
    },
    async close() {
      reader?.close();
      await projector.close();
      await store.close();
      dir.remove();
    },
  };
}

export type Ledger = Awaited<ReturnType<typeof openLedger>>;

/** Opens a ledger, hands it to `use`, and closes it whatever `use` does. */
export async function withLedger<T>(options: { batchSize?: number }, use: (ledger: Ledger) => Promise<T>): Promise<T> {
  const ledger = await openLedger(options);
  try {
    return await use(ledger);
  } finally {
    await ledger.close();
  }
}

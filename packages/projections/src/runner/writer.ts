import type { Database } from "better-sqlite3";
import { assertInvariant, isEventType, parseStoredLedgerEvent } from "@relief-ledger/domain";
import type { RecordedEvent } from "@relief-ledger/event-store";
import { combineDigests, digestTableOf, digestTables } from "../digest.js";
import { createDirty } from "../dirty.js";
import type { DigestTable, ProjectedEvent, Projection, ProjectionHandlers } from "../projection.js";
import { positionText } from "../projection.js";
import { RUNNER_SCHEMA, RUNNER_TABLES } from "./schema.js";

/**
 * Work that must commit or roll back with the read models, such as the audit's Merkle index: it
 * runs inside each batch's transaction with the batch's new events (raw, every type, in log order)
 * and `after`, the checkpoint before them. Throwing rolls the whole batch back.
 */
export type BatchStep = (batch: { events: readonly RecordedEvent[]; after: bigint }) => void;

export interface ReadModelWriter {
  /** Applies the events after the checkpoint and moves it, all in one transaction. */
  applyBatch(events: readonly RecordedEvent[]): void;
  checkpoint: () => bigint;
  /** One digest per projection (and the runner's own tables), in a fixed order. */
  digests: () => Record<string, string>;
  digest: () => string;
}

/**
 * The digest's groups of tables, in the order they are combined: the runner's own, then each
 * projection's, each table as `db`'s schema declares it (the schemas must have been run on it).
 */
export function digestGroups(db: Database, projections: readonly Projection[]): Record<string, readonly DigestTable[]> {
  const groups: Record<string, readonly DigestTable[]> = {
    runner: RUNNER_TABLES.map((table) => digestTableOf(db, table)),
  };
  for (const projection of projections)
    groups[projection.name] = projection.tables.map((table) => digestTableOf(db, table));
  return groups;
}

export function createWriter(db: Database, projections: readonly Projection[], step?: BatchStep): ReadModelWriter {
  db.exec(RUNNER_SCHEMA);
  for (const projection of projections) db.exec(projection.schema);
  const handlers: ProjectionHandlers[] = projections.map((projection) => projection.open(db));
  const readCheckpoint = db.prepare<[], string>("SELECT position FROM checkpoint WHERE id = 1").pluck();
  const saveCheckpoint = db.prepare<[string]>(
    "INSERT INTO checkpoint VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position",
  );
  const reject = db.prepare("INSERT OR IGNORE INTO rejected_events VALUES (?, ?, ?, ?, ?)");
  const checkpoint = () => BigInt(readCheckpoint.get() ?? "0");

  const project = (recorded: RecordedEvent, apply: (event: ProjectedEvent) => void) => {
    // A type from a later version of the ledger is none of these projections' business.
    if (!isEventType(recorded.type)) return;
    const parsed = parseStoredLedgerEvent(recorded.type, recorded.data);
    if (!parsed.ok) {
      const errors = JSON.stringify(parsed.errors);
      reject.run(positionText(recorded.position), recorded.id, recorded.stream, recorded.type, errors);
      return;
    }
    apply({ ...parsed.value, position: recorded.position, recordedAt: recorded.recordedAt });
  };

  // Read inside the transaction, which holds the write lock from its start (immediate): events at
  // or before the checkpoint were applied already, by an earlier batch or another caller.
  const applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
    const after = checkpoint();
    const fresh = events.filter((event) => event.position > after);
    if (fresh.length === 0) return;
    const dirty = createDirty();
    for (const recorded of fresh) {
      project(recorded, (event) => handlers.forEach((handler) => handler.apply?.(event, dirty)));
    }
    handlers.forEach((handler) => handler.settle?.(dirty));
    step?.({ events: fresh, after });
    const next = fresh.at(-1)!.position;
    assertInvariant(next > after, "the read model's checkpoint moves only forward", { after, next });
    saveCheckpoint.run(positionText(next));
  });

  const groups = digestGroups(db, projections);
  const digests = () =>
    Object.fromEntries(Object.entries(groups).map(([name, tables]) => [name, digestTables(db, tables)]));

  return {
    applyBatch: (events) => applyBatch.immediate(events),
    checkpoint,
    digests,
    digest: () => combineDigests(digests()),
  };
}

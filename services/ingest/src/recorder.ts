import { randomUUID } from "node:crypto";
import {
  SCHEMA_VERSION,
  isSameWrite,
  type EventMetadata,
  type LedgerEvent,
  type Principal,
  type Recorded,
} from "@relief-ledger/domain";
import {
  isEventStoreError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
} from "@relief-ledger/event-store";
import { storeRefusal } from "./refusal.js";

export type RecordOutcome =
  | { ok: true; recorded: Recorded; appended?: { firstEventId: string; lastPosition: bigint } }
  | { ok: false; reason: "conflict"; existing: RecordedEvent[] };

const fromAppend = (result: AppendResult, count: number): Recorded => ({
  firstPosition: result.firstPosition.toString(),
  lastPosition: result.lastPosition.toString(),
  count,
  replayed: false,
});

const fromStored = (events: RecordedEvent[]): Recorded => ({
  firstPosition: events[0]!.position.toString(),
  lastPosition: events.at(-1)!.position.toString(),
  count: events.length,
  replayed: true,
});

/** Each event with an id of its own and the command's metadata (one object, which the store serializes once). */
const withIds = (events: LedgerEvent[], metadata: EventMetadata) =>
  events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata }));

export function metadataFor(principal: Principal, correlationId: string, now = new Date()): EventMetadata {
  return { recordedAt: now.toISOString(), principal, correlationId, schemaVersion: SCHEMA_VERSION };
}

/**
 * Appends the events of one command to a stream that must not exist yet. If it does, the earlier
 * write is compared with this one: the same content is the retry of a write that already
 * succeeded and returns its outcome, anything else is the caller's conflict to report.
 */
export async function recordOnce(
  store: EventStore,
  stream: string,
  commanded: LedgerEvent[],
  metadata: EventMetadata,
): Promise<RecordOutcome> {
  const toAppend = withIds(commanded, metadata);
  try {
    const result = await store.append(stream, toAppend, { expectedRevision: "no_stream" });
    return {
      ok: true,
      recorded: fromAppend(result, commanded.length),
      appended: { firstEventId: toAppend[0]!.id, lastPosition: result.lastPosition },
    };
  } catch (error) {
    if (!isEventStoreError(error, "WRONG_EXPECTED_REVISION")) throw storeRefusal(error);
  }
  const existing = await store.readStream(stream);
  return isSameWrite(existing, commanded)
    ? { ok: true, recorded: fromStored(existing) }
    : { ok: false, reason: "conflict", existing };
}

/** Appends to a stream whose writes are commands in their own right (policy, flag resolutions). */
export async function recordAppend(
  store: EventStore,
  stream: string,
  events: LedgerEvent[],
  metadata: EventMetadata,
  expectedRevision: ExpectedRevision = "any",
): Promise<Recorded> {
  const result = await store.append(stream, withIds(events, metadata), { expectedRevision }).catch((error: unknown) => {
    throw storeRefusal(error);
  });
  return fromAppend(result, events.length);
}

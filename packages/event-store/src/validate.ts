import { EventStoreError } from "./errors.js";
import type { EventToAppend, ExpectedRevision, JsonObject } from "./types.js";

export const MAX_EVENT_BYTES = 1024 * 1024;
/**
 * The most one append may carry, counted as KurrentDB counts an append against its
 * `MaxAppendSize` (default 1 MiB, src/EventStore.Core/Configuration/ClusterVNodeOptions.cs:157 at
 * v24.10.0): data bytes + metadata bytes + 2 × the type's length per event
 * (src/KurrentDB.Core/Data/Event.cs:46-47 on main; v24.10.0's Event.cs:23-24 has a precedence slip
 * that counts data bytes only, so this bound is the stricter of the two). Both stores enforce it,
 * so a batch that fits SQLite fits a default server too.
 */
export const MAX_BATCH_BYTES = 1024 * 1024;
export const MAX_PAGE_SIZE = 10_000;

// Portable across both engines: EventStoreDB reserves a leading `$` for system streams.
const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An event after validation, with its JSON already serialized once for storage. */
export interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

export function assertStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== "string" || !STREAM_NAME.test(stream)) {
    throw new EventStoreError(
      "INVALID_STREAM_NAME",
      "stream name must be 1-200 characters of letters, digits, '-', '_', '.', ':' and not start with a symbol",
    );
  }
}

export function assertPosition(position: unknown, field = "position"): asserts position is bigint {
  if (typeof position !== "bigint" || position < 0n) {
    throw new EventStoreError("INVALID_POSITION", `${field} must be a non-negative bigint`);
  }
}

export function assertInteger(
  value: unknown,
  field: string,
  code: "INVALID_REVISION" | "INVALID_COUNT",
  max = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > max) {
    throw new EventStoreError(code, `${field} must be an integer from 0 to ${max}`);
  }
}

export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === "any" || expected === "no_stream" || expected === "stream_exists") return;
  assertInteger(expected, "expectedRevision", "INVALID_REVISION");
}

// The arguments of each EventStore method, checked the same way by every store: a caller gets the
// same EventStoreError from SQLite and from EventStoreDB.

export function assertAppendArgs(stream: unknown, expectedRevision: unknown): void {
  assertStreamName(stream);
  assertExpectedRevision(expectedRevision);
}

/** maxCount undefined: the whole stream from fromRevision. */
export function assertReadStreamArgs(stream: unknown, fromRevision: unknown, maxCount: unknown): void {
  assertStreamName(stream);
  assertInteger(fromRevision, "fromRevision", "INVALID_REVISION");
  if (maxCount !== undefined) assertInteger(maxCount, "maxCount", "INVALID_COUNT");
}

export function assertReadAllArgs(after: unknown, maxCount: unknown): void {
  assertPosition(after, "after");
  assertInteger(maxCount, "maxCount", "INVALID_COUNT", MAX_PAGE_SIZE);
}

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function serializeObject(value: unknown, field: string, index: number): string {
  if (!isJsonObject(value)) {
    throw new EventStoreError("INVALID_EVENT", `events[${index}].${field} must be a JSON object`);
  }
  try {
    return JSON.stringify(value);
  } catch {
    throw new EventStoreError("INVALID_EVENT", `events[${index}].${field} is not serializable as JSON`);
  }
}

/** An event's size as the server counts it against MaxAppendSize (see MAX_BATCH_BYTES). */
export const appendBytes = (event: SerializedEvent): number =>
  Buffer.byteLength(event.data) + Buffer.byteLength(event.metadata) + 2 * event.type.length;

/** Checks a whole batch before any of it is written, and serializes each event once. */
export function serializeBatch(events: unknown): SerializedEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreError("EMPTY_BATCH", "an append needs at least one event");
  }
  const batch = serializeEvents(events);
  const totalBytes = batch.reduce((sum, event) => sum + appendBytes(event), 0);
  if (totalBytes > MAX_BATCH_BYTES) {
    throw new EventStoreError(
      "BATCH_TOO_LARGE",
      `the batch's events are ${totalBytes} bytes together, over the ${MAX_BATCH_BYTES}-byte limit of one append`,
    );
  }
  return batch;
}

function serializeEvents(events: unknown[]): SerializedEvent[] {
  const ids = new Set<string>();
  // The events of one command share their metadata object: serialized once, not once an event.
  let sharedMetadata: { object: unknown; json: string } | undefined;
  return events.map((candidate: unknown, index) => {
    const event = (isJsonObject(candidate) ? candidate : {}) as Partial<EventToAppend>;
    if (typeof event.id !== "string" || !UUID.test(event.id)) {
      throw new EventStoreError("INVALID_EVENT", `events[${index}].id must be a lowercase UUID`);
    }
    if (ids.has(event.id)) {
      throw new EventStoreError("INVALID_EVENT", `events[${index}].id repeats an earlier event of the batch`);
    }
    ids.add(event.id);
    if (typeof event.type !== "string" || !EVENT_TYPE.test(event.type)) {
      throw new EventStoreError("INVALID_EVENT", `events[${index}].type must be a name of letters, digits, '_' or '.'`);
    }
    const data = serializeObject(event.data, "data", index);
    const metadataObject = event.metadata ?? {};
    if (sharedMetadata?.object !== metadataObject)
      sharedMetadata = { object: metadataObject, json: serializeObject(metadataObject, "metadata", index) };
    const metadata = sharedMetadata.json;
    if (Buffer.byteLength(data) + Buffer.byteLength(metadata) > MAX_EVENT_BYTES) {
      throw new EventStoreError("EVENT_TOO_LARGE", `events[${index}] is over ${MAX_EVENT_BYTES} bytes`);
    }
    return { id: event.id, type: event.type, data, metadata };
  });
}

import { EventStoreError } from "./errors.js";
import type { EventToAppend, ExpectedRevision, JsonObject } from "./types.js";

export const MAX_EVENT_BYTES = 1024 * 1024;
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

/** Checks a whole batch before any of it is written, and serializes each event once. */
export function serializeBatch(events: unknown): SerializedEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreError("EMPTY_BATCH", "an append needs at least one event");
  }
  const ids = new Set<string>();
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
    const metadata = serializeObject(event.metadata ?? {}, "metadata", index);
    if (Buffer.byteLength(data) + Buffer.byteLength(metadata) > MAX_EVENT_BYTES) {
      throw new EventStoreError("EVENT_TOO_LARGE", `events[${index}] is over ${MAX_EVENT_BYTES} bytes`);
    }
    return { id: event.id, type: event.type, data, metadata };
  });
}

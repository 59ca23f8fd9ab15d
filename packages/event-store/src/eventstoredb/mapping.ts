import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AppendExpectedRevision,
  type RecordedEvent as EsdbRecordedEvent,
} from "@eventstore/db-client";
import { WrongExpectedRevisionError } from "../errors.js";
import type { ExpectedRevision, JsonObject, RecordedEvent } from "../types.js";
import { encodePosition } from "./position.js";

export const toEsdbExpected = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === "any"
    ? ANY
    : expected === "no_stream"
      ? NO_STREAM
      : expected === "stream_exists"
        ? STREAM_EXISTS
        : BigInt(expected);

/** EventStoreDB reports the stream's revision as a bigint, or a word when it has none. */
const fromEsdbRevision = (actual: unknown): number | "no_stream" =>
  typeof actual === "bigint" ? Number(actual) : "no_stream";

export function toConflict(error: unknown, stream: string, expected: ExpectedRevision): unknown {
  return error instanceof WrongExpectedVersionError
    ? new WrongExpectedRevisionError(stream, expected, fromEsdbRevision(error.actualVersion))
    : error;
}

/** Events written by the server itself ($-prefixed) are no part of the ledger. */
export const isSystemEvent = (event: EsdbRecordedEvent | undefined): boolean =>
  !event || event.type.startsWith("$") || event.streamId.startsWith("$");

export function toRecorded(event: EsdbRecordedEvent | AllStreamRecordedEvent): RecordedEvent {
  if (!event.position) throw new Error("EventStoreDB older than 22.6 returns no log positions; upgrade the server");
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(event.position),
    type: event.type,
    data: event.data as JsonObject,
    metadata: (event.metadata ?? {}) as JsonObject,
    recordedAt: event.created.toISOString(),
  };
}

import {
  ANY,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AppendExpectedRevision,
  type RecordedEvent as EsdbRecordedEvent,
} from "@eventstore/db-client";
import { EventStoreError, OutcomeUnknownError, WrongExpectedRevisionError } from "../errors.js";
import { MAX_BATCH_BYTES } from "../validate.js";
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

/**
 * The server refused a node-local reason before or while handling the call, so the write may or may
 * not have happened. In @eventstore/db-client 6.2.1 (dist/utils/CommandError.js:326-389):
 * - NotLeaderError: `exception: not-leader` metadata, which the server sends when a write or a
 *   `requires-leader` read reaches a follower (v24.10.0 Streams.BatchAppend.cs:228-231 via
 *   RpcExceptions.LeaderInfo);
 * - DeadlineExceededError: gRPC DEADLINE_EXCEEDED, and the server's own Commit/Prepare/Forward
 *   timeouts (Streams.BatchAppend.cs:253-256 → Status.Timeout, unpacked at
 *   dist/streams/appendToStream/unpackError.js:176-181);
 * - TimeoutError (gRPC ABORTED), UnavailableError (connection lost or refused), CancelledError
 *   (server-side cancellation);
 * - UnknownError "Server Is Not Ready" / "Server Is Busy" / "No leader info available": the
 *   server's NotHandled replies (Streams.BatchAppend.cs:222-235), which the client cannot unpack
 *   (unpackError.js:195).
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return (
    error instanceof NotLeaderError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    (error instanceof UnknownError && /Server Is (Not Ready|Busy)|No leader info/i.test(error.message))
  );
}

/** Turns a client error into the port's error where the port has one; anything else passes through. */
export function toStoreError(error: unknown, operation: string, stream: string, expected?: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError && expected !== undefined) {
    return new WrongExpectedRevisionError(stream, expected, fromEsdbRevision(error.actualVersion));
  }
  if (error instanceof MaxAppendSizeExceededError) {
    // Only a server configured below the default can say this: serializeBatch already kept the
    // batch under MAX_BATCH_BYTES. Server: Streams.BatchAppend.cs:193-199 at v24.10.0.
    return new EventStoreError(
      "BATCH_TOO_LARGE",
      `the server refused the batch: its MaxAppendSize is ${String(error.maxAppendSize)} bytes; ` +
        `set it to at least ${MAX_BATCH_BYTES} (docs/deploy.md)`,
    );
  }
  if (isOutcomeUnknown(error)) {
    return new OutcomeUnknownError(`${operation} ${stream}`, (error as Error).constructor.name);
  }
  return error;
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

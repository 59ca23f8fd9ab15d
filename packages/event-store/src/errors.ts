import type { ExpectedRevision } from "./types.js";

export type EventStoreErrorCode =
  | "INVALID_STREAM_NAME"
  | "INVALID_EVENT"
  | "EMPTY_BATCH"
  | "EVENT_TOO_LARGE"
  | "BATCH_TOO_LARGE"
  | "INVALID_POSITION"
  | "INVALID_REVISION"
  | "INVALID_COUNT"
  | "WRONG_EXPECTED_REVISION"
  | "DUPLICATE_EVENT_ID"
  | "STORE_CLOSED"
  | "OUTCOME_UNKNOWN"
  | "CORRUPT_EVENT";

/** Every failure the port reports on purpose; anything else is a fault of the engine. */
export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "EventStoreError";
  }
}

/** The optimistic-concurrency conflict, the same whichever adapter raised it. */
export class WrongExpectedRevisionError extends EventStoreError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | "no_stream",
  ) {
    super(
      "WRONG_EXPECTED_REVISION",
      `stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`,
    );
    this.name = "WrongExpectedRevisionError";
  }
}

export const isEventStoreError = (error: unknown, code?: EventStoreErrorCode): error is EventStoreError =>
  error instanceof EventStoreError && (code === undefined || error.code === code);

/**
 * The engine could not say whether an append took effect (a timeout, a lost connection, a node
 * that stopped being leader). Nothing about the log may be assumed: retry the same append with the
 * same event ids and expected revision, which is idempotent on every adapter.
 */
export class OutcomeUnknownError extends EventStoreError {
  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super("OUTCOME_UNKNOWN", `${operation}: the store gave no outcome (${reason}); retry it with the same event ids`);
    this.name = "OutcomeUnknownError";
  }
}

/** A stored event that no longer parses (its file was damaged or edited); `position` says where. */
export class CorruptEventError extends EventStoreError {
  constructor(readonly position: bigint) {
    super("CORRUPT_EVENT", `the event at position ${position} is damaged: its stored JSON does not parse`);
    this.name = "CorruptEventError";
  }
}

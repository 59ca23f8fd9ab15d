import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type Position,
  type ResolvedEvent,
} from "@eventstore/db-client";
import { EventStoreError, OutcomeUnknownError, WrongExpectedRevisionError } from "../errors.js";
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from "../types.js";
import {
  assertAppendArgs,
  assertReadAllArgs,
  assertReadStreamArgs,
  serializeBatch,
  type SerializedEvent,
} from "../validate.js";
import { countByReading } from "../count-events.js";
import { liveSubscriptions } from "../running-subscription.js";
import { esdbSubscription } from "./esdb-subscription.js";
import { fillPage, type LogRecord, type ReadRecords } from "./fill-page.js";
import { isOutcomeUnknown, isSystemEvent, toEsdbExpected, toRecorded, toStoreError } from "./mapping.js";
import { decodePosition, encodePosition } from "./position.js";

export interface EsdbEventStoreOptions {
  /** An `esdb://` or `kurrentdb://` connection string, e.g. `esdb://localhost:2113?tls=false`. */
  connectionString: string;
  onSubscriptionDrop?: (error: unknown) => void;
}

/**
 * How far back an append at `any` / `stream_exists` looks for its own batch, to recognise a retry.
 * The server recognises such a retry only from an in-memory cache of recent event ids
 * (v24.10.0 src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs:202-231, the
 * `_committedEvents` BoundedCache of :80), which a restart empties; a numeric expected revision
 * goes through the index instead (IndexWriter.cs:233-275, `_indexReader.ReadPrepare`), which
 * survives one. So the adapter finds the batch in the stream's tail itself and appends at a number.
 */
export const RETRY_WINDOW_EVENTS = 1_000;
/** Records per backward read while looking for the newest ledger event. */
const HEAD_CHUNK_RECORDS = 500;
/** Appends at `any` retried after another writer moved the stream between our read and our write. */
const LOOSE_APPEND_ATTEMPTS = 10;

function toLogRecord(resolved: ResolvedEvent): LogRecord {
  const event = resolved.event;
  if (!event?.position) throw new Error("EventStoreDB older than 22.6 returns no log positions; upgrade the server");
  return { position: encodePosition(event.position), event: isSystemEvent(event) ? undefined : toRecorded(event) };
}

async function collect(read: AsyncIterable<ResolvedEvent>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const resolved of read) {
      if (!isSystemEvent(resolved.event)) events.push(toRecorded(resolved.event!));
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
}

/** The part of the client the adapter uses; unit tests of the adapter's logic stub it. */
export type EsdbClient = Pick<
  EventStoreDBClient,
  "appendToStream" | "readStream" | "readAll" | "subscribeToAll" | "dispose"
>;

/** The scale-out engine: EventStoreDB / KurrentDB, single node or cluster. */
export function openEsdbEventStore(options: EsdbEventStoreOptions): EventStore {
  const connectionString = options.connectionString.replace(/^kurrent(db)?:/, "esdb:");
  return esdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
}

/** The adapter over a client; `openEsdbEventStore` is the way in. */
export function esdbEventStore(
  client: EsdbClient,
  options: Pick<EsdbEventStoreOptions, "onSubscriptionDrop"> = {},
): EventStore {
  const subscriptions = liveSubscriptions();
  let closed = false;
  const ensureOpen = () => {
    if (closed) throw new EventStoreError("STORE_CLOSED", "the event store is closed");
  };

  const readStream = async (
    stream: string,
    { fromRevision = 0, maxCount }: ReadStreamOptions = {},
    requiresLeader = false,
  ) => {
    ensureOpen();
    assertReadStreamArgs(stream, fromRevision, maxCount);
    if (maxCount === 0) return [];
    return collect(
      client.readStream(stream, {
        fromRevision: BigInt(fromRevision),
        direction: FORWARDS,
        requiresLeader,
        ...(maxCount === undefined ? {} : { maxCount }),
      }),
    );
  };

  const readRecords: ReadRecords = async (from, count) => {
    const records: LogRecord[] = [];
    for await (const resolved of client.readAll({
      direction: FORWARDS,
      fromPosition: from === undefined ? START : decodePosition(from),
      maxCount: count,
    })) {
      records.push(toLogRecord(resolved));
    }
    return records;
  };

  /** Walks back from the end, past the server's own records, to the newest ledger event. */
  const headPosition = async (signal?: AbortSignal): Promise<bigint> => {
    ensureOpen();
    let from: Position | typeof END = END;
    let oldestSeen: bigint | undefined;
    while (!signal?.aborted) {
      let count = 0;
      for await (const resolved of client.readAll({
        direction: BACKWARDS,
        fromPosition: from,
        maxCount: HEAD_CHUNK_RECORDS,
      })) {
        count++;
        const record = toLogRecord(resolved);
        if (oldestSeen !== undefined && record.position >= oldestSeen) continue;
        oldestSeen = record.position;
        if (record.event) return record.position;
      }
      if (count < HEAD_CHUNK_RECORDS || oldestSeen === undefined) return 0n;
      from = decodePosition(oldestSeen);
    }
    return 0n;
  };

  /**
   * Turns `any` / `stream_exists` into the numeric revision the batch belongs at: just before the
   * batch if it is already among the stream's last RETRY_WINDOW_EVENTS events (a retry), else the
   * stream's current last revision. Read from the leader: a follower's tail may lag its own writes.
   */
  const numericExpected = async (
    stream: string,
    expected: "any" | "stream_exists",
    batch: SerializedEvent[],
  ): Promise<number | "no_stream"> => {
    const tail: RecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(stream, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: RETRY_WINDOW_EVENTS,
        requiresLeader: true,
      })) {
        tail.push(toRecorded(resolved.event!));
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    if (tail.length === 0) {
      if (expected === "stream_exists") throw new WrongExpectedRevisionError(stream, expected, "no_stream");
      return "no_stream";
    }
    const stored = tail.find((event) => event.id === batch[0]!.id);
    if (stored) return stored.revision === 0 ? "no_stream" : stored.revision - 1;
    return tail[0]!.revision;
  };

  const append = async (stream: string, events: EventToAppend[], expectedRevision: ExpectedRevision) => {
    const batch = serializeBatch(events);
    const proposed = batch.map((event, i) =>
      jsonEvent({ id: event.id, type: event.type, data: events[i]!.data, metadata: events[i]!.metadata ?? {} }),
    );
    for (let attempt = 1; ; attempt++) {
      const expected =
        expectedRevision === "any" || expectedRevision === "stream_exists"
          ? await numericExpected(stream, expectedRevision, batch)
          : expectedRevision;
      try {
        const written = await client.appendToStream(stream, proposed, { expectedRevision: toEsdbExpected(expected) });
        return { batch, nextExpectedRevision: Number(written.nextExpectedRevision) };
      } catch (error) {
        // Another writer appended between our read of the tail and our write: the caller asked
        // for no particular place, so find the place again.
        const moved = error instanceof WrongExpectedVersionError && expected !== expectedRevision;
        if (moved && attempt < LOOSE_APPEND_ATTEMPTS) continue;
        throw error;
      }
    }
  };

  const readAll = async ({ after = 0n, maxCount = 1_000 }: ReadAllOptions = {}) => {
    ensureOpen();
    assertReadAllArgs(after, maxCount);
    if (maxCount === 0) return { events: [], next: after, isEnd: false };
    return fillPage(readRecords, after, maxCount);
  };

  return {
    async append(stream: string, events: EventToAppend[], { expectedRevision = "any" }: AppendOptions = {}) {
      ensureOpen();
      assertAppendArgs(stream, expectedRevision);
      const { batch, nextExpectedRevision } = await append(stream, events, expectedRevision).catch((error: unknown) => {
        throw toStoreError(error, "append to", stream, expectedRevision);
      });
      // The append result carries one position for the whole write; read the batch back for exact
      // ones, from the leader, which has the write it just acknowledged (a follower may not yet:
      // `requires-leader` header, client dist/Client/index.js:294-296). A failure here comes after
      // a committed write, so the caller must retry, which is idempotent.
      const stored = await readStream(
        stream,
        { fromRevision: nextExpectedRevision - batch.length + 1, maxCount: batch.length },
        true,
      ).catch((error: unknown) => {
        throw isOutcomeUnknown(error) ? new OutcomeUnknownError(`append to ${stream}`, "read-back failed") : error;
      });
      if (stored.length !== batch.length || stored.some((event, i) => event.id !== batch[i]!.id)) {
        throw new OutcomeUnknownError(`append to ${stream}`, "the read-back did not show the batch");
      }
      return {
        nextExpectedRevision,
        firstPosition: stored[0]!.position,
        lastPosition: stored[stored.length - 1]!.position,
      } satisfies AppendResult;
    },

    readStream: (stream, readOptions) => readStream(stream, readOptions),

    readAll,

    headPosition: () => headPosition(),

    // $all has no count: the events are read, which costs as much as reading them (keep atMost small).
    countEventsAfter: (after, atMost) => countByReading(readAll, after, atMost),

    subscribe(subscribeOptions) {
      ensureOpen();
      const subscription = esdbSubscription(
        { client, headPosition, onDrop: options.onSubscriptionDrop },
        subscribeOptions,
      );
      return subscriptions.add(subscription);
    },

    async close() {
      if (closed) return;
      closed = true;
      // Stopped before the client goes, or each would resubscribe through a disposed client.
      await subscriptions.stopAll();
      await client.dispose();
    },
  };
}

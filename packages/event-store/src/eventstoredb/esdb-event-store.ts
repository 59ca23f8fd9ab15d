import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  jsonEvent,
  type ResolvedEvent,
} from "@eventstore/db-client";
import type {
  AppendOptions,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from "../types.js";
import {
  MAX_PAGE_SIZE,
  assertInteger,
  assertExpectedRevision,
  assertPosition,
  assertStreamName,
  serializeBatch,
} from "../validate.js";
import { esdbSubscription } from "./esdb-subscription.js";
import { isSystemEvent, toConflict, toEsdbExpected, toRecorded } from "./mapping.js";
import { decodePosition, encodePosition } from "./position.js";

export interface EsdbEventStoreOptions {
  /** An `esdb://` or `kurrentdb://` connection string, e.g. `esdb://localhost:2113?tls=false`. */
  connectionString: string;
  onSubscriptionDrop?: (error: unknown) => void;
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

/** The scale-out engine: EventStoreDB / KurrentDB, single node or cluster. */
export function openEsdbEventStore(options: EsdbEventStoreOptions): EventStore {
  const connectionString = options.connectionString.replace(/^kurrent(db)?:/, "esdb:");
  const client = EventStoreDBClient.connectionString(connectionString);

  const readStream = async (stream: string, { fromRevision = 0, maxCount }: ReadStreamOptions = {}) => {
    assertStreamName(stream);
    assertInteger(fromRevision, "fromRevision", "INVALID_REVISION");
    if (maxCount !== undefined) assertInteger(maxCount, "maxCount", "INVALID_COUNT");
    if (maxCount === 0) return [];
    return collect(
      client.readStream(stream, {
        fromRevision: BigInt(fromRevision),
        direction: FORWARDS,
        ...(maxCount === undefined ? {} : { maxCount }),
      }),
    );
  };

  const headPosition = async (): Promise<bigint> => {
    // The newest record may be the server's own; walk back to the newest ledger event.
    for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 500 })) {
      if (!isSystemEvent(resolved.event)) return encodePosition(resolved.event!.position);
    }
    return 0n;
  };

  return {
    async append(stream: string, events: EventToAppend[], { expectedRevision = "any" }: AppendOptions = {}) {
      assertStreamName(stream);
      assertExpectedRevision(expectedRevision);
      const batch = serializeBatch(events);
      const written = await client
        .appendToStream(
          stream,
          batch.map((event, i) =>
            jsonEvent({ id: event.id, type: event.type, data: events[i]!.data, metadata: events[i]!.metadata ?? {} }),
          ),
          { expectedRevision: toEsdbExpected(expectedRevision) },
        )
        .catch((error: unknown) => {
          throw toConflict(error, stream, expectedRevision);
        });
      const nextExpectedRevision = Number(written.nextExpectedRevision);
      // The append result carries one position for the whole write; read the batch back for exact ones.
      const stored = await readStream(stream, {
        fromRevision: nextExpectedRevision - batch.length + 1,
        maxCount: batch.length,
      });
      return {
        nextExpectedRevision,
        firstPosition: stored[0]!.position,
        lastPosition: stored[stored.length - 1]!.position,
      };
    },

    readStream,

    async readAll({ after = 0n, maxCount = 1_000 }: ReadAllOptions = {}) {
      assertPosition(after, "after");
      assertInteger(maxCount, "maxCount", "INVALID_COUNT", MAX_PAGE_SIZE);
      // fromPosition is inclusive, so ask for one more and drop the checkpoint event itself.
      const requested = after === 0n ? maxCount : maxCount + 1;
      const events: RecordedEvent[] = [];
      let next = after;
      let seen = 0;
      for await (const resolved of client.readAll({
        direction: FORWARDS,
        fromPosition: after === 0n ? START : decodePosition(after),
        maxCount: requested,
      })) {
        seen++;
        const position = encodePosition(resolved.event!.position);
        if (position <= after) continue;
        next = position;
        if (!isSystemEvent(resolved.event)) events.push(toRecorded(resolved.event!));
      }
      return { events, next, isEnd: seen < requested };
    },

    headPosition,

    subscribe(subscribeOptions) {
      return esdbSubscription({ client, headPosition, onDrop: options.onSubscriptionDrop }, subscribeOptions);
    },

    async close() {
      await client.dispose();
    },
  };
}

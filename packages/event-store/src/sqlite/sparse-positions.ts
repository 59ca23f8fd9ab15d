import { CorruptEventError } from "../errors.js";
import { assertPosition } from "../validate.js";
import type { EventStore, RecordedEvent, SubscribeOptions } from "../types.js";

/**
 * For tests only: makes the SQLite store hand out positions shaped like EventStoreDB's, sparse and
 * packed, so the whole suite shows that nothing outside the adapters relies on SQLite's dense
 * 1, 2, 3… Row position p becomes p × 2^64 + k(p), with a small offset that varies with p, so
 * neither the gaps nor the low bits are regular. Set `LEDGER_TEST_SPARSE_POSITIONS=1` to turn it
 * on for every SQLite store a process opens (child processes inherit it).
 */
export const SPARSE_POSITIONS_ENV = "LEDGER_TEST_SPARSE_POSITIONS";

const SHIFT = 64n;
const LOW = (1n << SHIFT) - 1n;
const offset = (dense: bigint): bigint => (dense * 7919n) % 1000n;

export const toSparse = (dense: bigint): bigint => (dense === 0n ? 0n : (dense << SHIFT) + offset(dense));

/** The largest dense position whose sparse form is at or before `sparse`: what "after" means. */
export function toDenseAfter(sparse: bigint): bigint {
  const high = sparse >> SHIFT;
  return high > 0n && (sparse & LOW) < offset(high) ? high - 1n : high;
}

export const sparsePositionsWanted = (): boolean => process.env[SPARSE_POSITIONS_ENV] === "1";

const sparseEvent = (event: RecordedEvent): RecordedEvent => ({ ...event, position: toSparse(event.position) });

const sparseError = (error: unknown): unknown =>
  error instanceof CorruptEventError ? new CorruptEventError(toSparse(error.position)) : error;

export function withSparsePositions(store: EventStore): EventStore {
  // No `densePositions`: that is the point.
  return {
    async append(stream, events, options) {
      const result = await store.append(stream, events, options);
      return { ...result, firstPosition: toSparse(result.firstPosition), lastPosition: toSparse(result.lastPosition) };
    },
    async readStream(stream, options) {
      return (await store.readStream(stream, options)).map(sparseEvent);
    },
    async readAll(options = {}) {
      const after = options.after ?? 0n;
      assertPosition(after, "after");
      const page = await store.readAll({ ...options, after: toDenseAfter(after) }).catch((error: unknown) => {
        throw sparseError(error);
      });
      return {
        events: page.events.map(sparseEvent),
        // An empty page keeps the caller's own `after`, as the port promises.
        next: page.events.length === 0 ? after : toSparse(page.next),
        isEnd: page.isEnd,
      };
    },
    async headPosition() {
      return toSparse(await store.headPosition());
    },
    async countEventsAfter(after, atMost) {
      assertPosition(after, "after");
      return store.countEventsAfter(toDenseAfter(after), atMost);
    },
    subscribe(options: SubscribeOptions) {
      const after = options.after ?? 0n;
      assertPosition(after, "after");
      return store.subscribe({
        ...options,
        after: toDenseAfter(after),
        onEvents: (events) => options.onEvents(events.map(sparseEvent)),
      });
    },
    close: () => store.close(),
  };
}

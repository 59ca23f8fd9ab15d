import { countByReading, type EventStore, type ReadAllPage } from "@relief-ledger/event-store";

const readOnly = async (): Promise<never> => {
  throw new Error("a replay reads the store and never writes to it");
};

/**
 * The store as it stood at `last`: events after that position are invisible, so a rebuild over
 * this view stops there even while the real log keeps growing. Positions are compared, never
 * counted, so it holds on EventStoreDB's sparse positions as on SQLite's dense ones.
 */
export function storeUpTo(store: EventStore, last: bigint): EventStore {
  const view: EventStore = {
    append: readOnly,
    async readAll(options = {}): Promise<ReadAllPage> {
      const after = options.after ?? 0n;
      if (after >= last) return { events: [], next: after, isEnd: true };
      const page = await store.readAll(options);
      const events = page.events.filter((event) => event.position <= last);
      const cut = events.length < page.events.length;
      const next = cut ? (events.at(-1)?.position ?? after) : page.next;
      return { events, next, isEnd: page.isEnd || cut || next >= last };
    },
    async readStream(stream, options) {
      return (await store.readStream(stream, options)).filter((event) => event.position <= last);
    },
    async headPosition() {
      const head = await store.headPosition();
      return head < last ? head : last;
    },
    subscribe() {
      throw new Error("a replay rebuilds from a fixed prefix of the log: read it with readAll");
    },
    countEventsAfter: (after, atMost) => countByReading((options) => view.readAll(options), after, atMost),
    // The caller owns the real store and closes it.
    close: async () => undefined,
  };
  return view;
}

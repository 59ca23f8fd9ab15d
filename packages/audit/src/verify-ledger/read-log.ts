import { CorruptEventError, type EventStore, type RecordedEvent } from "@relief-ledger/event-store";

export type LogItem =
  | { kind: "events"; events: RecordedEvent[] }
  /** An event whose stored JSON no longer parses; its position is known when the store says it. */
  | { kind: "unreadable"; after: bigint; position?: bigint };

// The SQLite adapter parses each row's JSON as it reads a page, so one damaged row fails the page;
// it names the row's position (CorruptEventError). A bare SyntaxError names nothing.
const isDamagedJson = (error: unknown): boolean => error instanceof CorruptEventError || error instanceof SyntaxError;

/**
 * The whole global log, a page at a time. A page that fails on damaged JSON is read again one
 * event at a time to find the damaged one, which is reported and, when the store names its
 * position, stepped over (positions are opaque: the next one is never computed); otherwise the
 * walk ends there.
 */
export async function* readLog(store: EventStore, pageSize: number): AsyncGenerator<LogItem> {
  let after = 0n;
  for (;;) {
    let page;
    try {
      page = await store.readAll({ after, maxCount: pageSize });
    } catch (error) {
      if (!isDamagedJson(error)) throw error;
      try {
        page = await store.readAll({ after, maxCount: 1 });
      } catch (single) {
        if (!isDamagedJson(single)) throw single;
        if (!(single instanceof CorruptEventError) || single.position <= after) {
          yield { kind: "unreadable", after };
          return;
        }
        yield { kind: "unreadable", after, position: single.position };
        after = single.position;
        continue;
      }
    }
    if (page.events.length > 0) yield { kind: "events", events: page.events };
    after = page.next;
    if (page.isEnd) return;
  }
}

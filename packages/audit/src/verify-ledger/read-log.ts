import type { EventStore, RecordedEvent } from "@relief-ledger/event-store";

export type LogItem =
  | { kind: "events"; events: RecordedEvent[] }
  /** An event whose stored JSON no longer parses; its position is known only where positions are dense. */
  | { kind: "unreadable"; after: bigint; position?: bigint };

// The SQLite adapter parses each row's JSON as it reads a page, so one damaged row fails the page.
const isDamagedJson = (error: unknown): boolean => error instanceof SyntaxError;

/**
 * The whole global log, a page at a time. A page that fails on damaged JSON is read again one
 * event at a time to find the damaged one, which is reported and, with dense positions, stepped
 * over; elsewhere the walk ends there, since the next position cannot be computed.
 */
export async function* readLog(store: EventStore, pageSize: number, dense: boolean): AsyncGenerator<LogItem> {
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
        if (!dense) {
          yield { kind: "unreadable", after };
          return;
        }
        yield { kind: "unreadable", after, position: after + 1n };
        after += 1n;
        continue;
      }
    }
    if (page.events.length > 0) yield { kind: "events", events: page.events };
    after = page.next;
    if (page.isEnd) return;
  }
}

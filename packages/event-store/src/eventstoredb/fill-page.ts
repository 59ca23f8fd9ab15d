import type { ReadAllPage, RecordedEvent } from "../types.js";

/** One record of $all as the server returns it: the ledger's own event, or one of the server's. */
export interface LogRecord {
  position: bigint;
  /** Undefined for a record the server wrote for itself ($-prefixed stream or type). */
  event: RecordedEvent | undefined;
}

/**
 * Reads `count` records of $all in log order, starting AT `from` (inclusive, as the server's
 * ReadReq position is), or at the start of the log when `from` is undefined.
 */
export type ReadRecords = (from: bigint | undefined, count: number) => Promise<LogRecord[]>;

/** How many server records one readAll call may look at before returning a partial page. */
export const SCAN_BUDGET_RECORDS = 50_000;

/**
 * Fills a page with up to `maxCount` ledger events after `after`.
 *
 * The server's `count` counts every record of $all, its own ($stats, projections' links, scavenge
 * records) included: ReadReq.Options.count is passed through as the read's maxCount by the client
 * (@eventstore/db-client 6.2.1 dist/streams/readAll.js:35, with setNoFilter at :37 — this client
 * exposes no filtered read of $all), and the server stops after that many records
 * (src/EventStore.Core/Services/Transport/Enumerators/Enumerator.ReadAllForwards.cs at v24.10.0).
 * So one read may bring back fewer ledger events than asked while the log goes on; keep reading
 * from the last record seen until the page is full or the server runs out of records.
 *
 * `next` is the last delivered event's position, or `after` when the log holds no further ledger
 * event, so a consumer's checkpoint is always an event it handled. Only when SCAN_BUDGET_RECORDS
 * server records in a row hold no ledger event does `next` move past them, with `isEnd: false`,
 * so the caller makes progress at a bounded cost per call.
 */
export async function fillPage(read: ReadRecords, after: bigint, maxCount: number): Promise<ReadAllPage> {
  const events: RecordedEvent[] = [];
  // The record at `from` was handled already (it is the checkpoint), so it is skipped when met.
  let from: bigint | undefined = after === 0n ? undefined : after;
  let scanned = 0;
  for (;;) {
    const wanted = Math.max(maxCount - events.length, 1);
    const requested = from === undefined ? wanted : wanted + 1;
    const records = await read(from, requested);
    for (const record of records) {
      if (from !== undefined && record.position <= from) continue;
      from = record.position;
      scanned++;
      if (!record.event) continue;
      events.push(record.event);
      if (events.length === maxCount) return { events, next: record.position, isEnd: false };
    }
    const lastEvent = events.at(-1)?.position;
    if (records.length < requested) return { events, next: lastEvent ?? after, isEnd: true };
    if (scanned >= SCAN_BUDGET_RECORDS) return { events, next: lastEvent ?? from ?? after, isEnd: false };
  }
}

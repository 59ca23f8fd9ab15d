import Database from "better-sqlite3";
import type { EventStore } from "@relief-ledger/event-store";
import { rate } from "./timing.js";

/**
 * The least a projector must do: page through the first `events` of the global log with the
 * adapter's readAll, which parses every event's JSON. Returns events per second.
 */
export function adapterScan(store: EventStore, events: number, pageSize: number): Promise<number> {
  return rate(events, async () => {
    let seen = 0;
    for (let after = 0n; seen < events;) {
      const page = await store.readAll({ after, maxCount: Math.min(pageSize, events - seen) });
      if (page.events.length === 0) throw new Error(`the log ends at ${seen} events`);
      seen += page.events.length;
      after = page.next;
    }
  });
}

/** The floor under that: better-sqlite3 stepping through the same rows, no JSON parsed. */
export function rawScan(file: string, events: number): Promise<number> {
  return rate(events, () => {
    const db = new Database(file, { readonly: true });
    try {
      let bytes = 0;
      const rows = db
        .prepare<[number], { data: string }>("SELECT * FROM events WHERE position <= ? ORDER BY position")
        .iterate(events);
      for (const row of rows) bytes += row.data.length;
      if (bytes === 0) throw new Error("empty log");
    } finally {
      db.close();
    }
  });
}

import { CompactRange, emptyRoot, eventLeafHash, leafFormatAt } from "@relief-ledger/audit";
import type { EventStore, RecordedEvent } from "@relief-ledger/event-store";

/** The prefix of the global log a replay covers, and its Merkle tree. */
export interface LogPrefix {
  events: number;
  /** null when the prefix is empty. */
  lastPosition: bigint | null;
  lastRecordedAt: string | null;
  rootHash: string;
  /** The root after each of the sizes asked for, to check signed heads against. */
  rootsAt: ReadonlyMap<number, string>;
}

const PAGE = 1_000;

/**
 * Reads the log from the start while `inside` holds, hashing each event as a Merkle leaf the way
 * `ledger verify` does. Memory stays O(log n) however long the log: only a compact range is kept.
 */
export async function scanPrefix(
  store: EventStore,
  inside: (event: RecordedEvent) => boolean,
  sizes: ReadonlySet<number>,
  /** Leaves below this are leaf format 1 (legacyBelowOf the log's heads). */
  legacyBelow: number,
  /** Called after each page with the number of events scanned so far (for a progress bar). */
  onProgress?: (events: number) => void,
): Promise<LogPrefix> {
  const range = new CompactRange();
  const rootsAt = new Map<number, string>(sizes.has(0) ? [[0, emptyRoot().toString("hex")]] : []);
  let last: RecordedEvent | undefined;
  const done = (): LogPrefix => {
    onProgress?.(range.size);
    return {
      events: range.size,
      lastPosition: last?.position ?? null,
      lastRecordedAt: last?.recordedAt ?? null,
      rootHash: range.root().toString("hex"),
      rootsAt,
    };
  };
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    for (const event of page.events) {
      if (!inside(event)) return done();
      range.append(eventLeafHash(event, leafFormatAt(range.size, legacyBelow)));
      if (sizes.has(range.size)) rootsAt.set(range.size, range.root().toString("hex"));
      last = event;
    }
    if (page.isEnd) return done();
    onProgress?.(range.size);
    after = page.next;
  }
}

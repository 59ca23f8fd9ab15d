import { MAX_PAGE_SIZE, type EventStore } from "@relief-ledger/event-store";
import { legacyLeafFormatBelow } from "../heads/read-heads.js";
import type { MerkleIndex } from "./types.js";

/**
 * Events per page, and so per transaction, when the CLI catches an index up: the store's largest
 * page. A transaction writes each index page it touched once, and the event-id index is keyed by
 * random ids, so a transaction of 1,000 leaves dirtied hundreds of its pages (most of the append's
 * time on a 100,000-leaf index); 10,000 leaves a transaction appended ~1.5× as fast on the
 * benchmark fixture. A page of events in memory is ~15 MB. A service that must answer between
 * pages passes a smaller one (catchUpAuditLog).
 */
export const INDEX_CATCH_UP_PAGE = MAX_PAGE_SIZE;

export interface CatchUpResult {
  appended: number;
  size: number;
}

/**
 * Reads the log after the index's last position and appends it, page by page (one transaction
 * each), migrating an index made before leaf format 2 first. For the CLI and tests; the projector feeds the index from its own subscription instead.
 */
export async function catchUpIndex(
  store: EventStore,
  index: MerkleIndex,
  pageSize = INDEX_CATCH_UP_PAGE,
  /** Called after each page with the number of events appended so far (for a progress bar). */
  onProgress?: (appended: number) => void,
): Promise<CatchUpResult> {
  // An index made before leaf format 2 learns where format 2 starts, and drops what it must rehash.
  if (index.legacyBelow() === undefined) index.adoptLeafFormat(await legacyLeafFormatBelow(store));
  const before = index.size();
  let after = index.lastPosition();
  let appended = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.events.length > 0) {
      index.append(page.events);
      onProgress?.((appended += page.events.length));
    }
    after = page.next;
    if (page.isEnd) break;
  }
  const size = index.size();
  return { appended: size - before, size };
}

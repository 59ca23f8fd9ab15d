import type { EventStore } from "@relief-ledger/event-store";
import { legacyLeafFormatBelow } from "../heads/read-heads.js";
import type { MerkleIndex } from "./types.js";

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
  pageSize = 1_000,
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

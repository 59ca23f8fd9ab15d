import type { EventStore } from "./types.js";
import { MAX_PAGE_SIZE, assertInteger, assertPosition } from "./validate.js";

/** Counts events after `after` by reading pages: for stores and views with no cheaper way. */
export async function countByReading(readAll: EventStore["readAll"], after: bigint, atMost: number): Promise<number> {
  assertPosition(after, "after");
  assertInteger(atMost, "atMost", "INVALID_COUNT");
  let count = 0;
  while (count < atMost) {
    const page = await readAll({ after, maxCount: Math.min(MAX_PAGE_SIZE, atMost - count) });
    count += page.events.length;
    if (page.isEnd) break;
    after = page.next;
  }
  return Math.min(count, atMost);
}

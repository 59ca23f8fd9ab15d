import { v7 as uuidv7 } from "uuid";
import { isProtected, type SubmitState } from "./state.js";

/**
 * The distributionIds of a file that has no distributionId column: each row keeps the random
 * UUID v7 it was first given. An id is never derived from what a row holds: that would carry a
 * hash of identity numbers into the ledger, and an edited row would become a new distribution.
 */
export function idBook(previous: SubmitState | undefined) {
  const earlier = previous?.distributionIds ?? {};
  const ids: Record<string, string> = {};
  // Rows of chunks that may be recorded keep their ids even if they are now blank or gone, so a
  // later --verify or a restored file still sends exactly what was sent.
  for (const chunk of previous?.chunks.filter(isProtected) ?? []) {
    for (let row = chunk.firstRow; row <= chunk.lastRow; row++) {
      const id = earlier[row];
      if (id !== undefined) ids[row] = id;
    }
  }
  return {
    /** Called for every non-blank data row. */
    see(row: number): void {
      ids[row] ??= earlier[row] ?? uuidv7();
    },
    ids,
  };
}

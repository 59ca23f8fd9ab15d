import { isSize } from "../bits.js";
import type { IndexStatements } from "./statements.js";

/** Subtrees of 2^8 = 256 leaves and up are kept: below that, recomputing is as cheap as a lookup. */
export const SUBTREE_MIN_LEVEL = 8;
const BLOCK = 2 ** SUBTREE_MIN_LEVEL;

/**
 * Keeps a perfect subtree that a leaf's append just completed, when it is tall enough to be worth
 * a row: the compact range hands over each node it computes (see CompactRange.append), so nothing
 * is read back or hashed twice.
 */
export function recordCompletedSubtree(statements: IndexStatements, level: number, index: number, hash: Buffer): void {
  if (level >= SUBTREE_MIN_LEVEL) statements.saveSubtree.run(level, index, hash);
}

/** The stored hash of the perfect subtree [start, end), when one is kept. */
export function storedSubtree(statements: IndexStatements, start: number, end: number): Buffer | undefined {
  const width = end - start;
  if (width < BLOCK) return undefined;
  const level = Math.log2(width);
  if (!isSize(level) || start % width !== 0) return undefined;
  return statements.subtree.get(level, start / width);
}

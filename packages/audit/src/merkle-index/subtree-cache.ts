import { isSize } from "../bits.js";
import { nodeHash } from "../hash.js";
import { arraySource, subtreeHash } from "../leaf-source.js";
import type { IndexStatements } from "./statements.js";

/** Subtrees of 2^8 = 256 leaves and up are kept: below that, recomputing is as cheap as a lookup. */
export const SUBTREE_MIN_LEVEL = 8;
const BLOCK = 2 ** SUBTREE_MIN_LEVEL;

/**
 * Records the perfect subtrees that the leaf ending at `size` completes: the 256-leaf block from
 * its leaves, then each level above from its two children, like a carry. Amortised, under two
 * extra hashes per leaf.
 */
export function recordCompletedSubtrees(statements: IndexStatements, size: number): void {
  if (size % BLOCK !== 0) return;
  let level = SUBTREE_MIN_LEVEL;
  let idx = size / BLOCK - 1;
  let hash = subtreeHash(arraySource(statements.leafHashes.all(size - BLOCK, size)), 0, BLOCK);
  statements.saveSubtree.run(level, idx, hash);
  while (idx % 2 === 1) {
    const left = statements.subtree.get(level, idx - 1);
    // An index made before the cache existed has no left sibling: the rest is recomputed on demand.
    if (left === undefined) return;
    hash = nodeHash(left, hash);
    level++;
    idx = (idx - 1) / 2;
    statements.saveSubtree.run(level, idx, hash);
  }
}

/** The stored hash of the perfect subtree [start, end), when one is kept. */
export function storedSubtree(statements: IndexStatements, start: number, end: number): Buffer | undefined {
  const width = end - start;
  if (width < BLOCK) return undefined;
  const level = Math.log2(width);
  if (!isSize(level) || start % width !== 0) return undefined;
  return statements.subtree.get(level, start / width);
}

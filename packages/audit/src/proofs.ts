import { isSize, largestPowerOfTwoBelow } from "./bits.js";
import { subtreeHash, type LeafHashSource } from "./leaf-source.js";

// No memo of subtree hashes: every hash a PATH or PROOF contains covers a range disjoint from the
// others, so each leaf is read once per proof and O(n) is already the floor without caching.

function checkSize(source: LeafHashSource, size: number, name: string): void {
  if (!isSize(size) || size > source.size) {
    throw new RangeError(`${name} must be an integer from 0 to the source size ${source.size}, got ${size}`);
  }
}

/** The Merkle Tree Hash of the first `size` leaves of the source. */
export function merkleRoot(source: LeafHashSource, size: number = source.size): Buffer {
  checkSize(source, size, "size");
  return subtreeHash(source, 0, size);
}

/**
 * The audit path PATH(m, D[n]) of RFC 6962 §2.1.1 for leaf `leafIndex` in the tree of the first
 * `treeSize` leaves, ordered from the leaf's sibling up to the root's child.
 */
export function inclusionProof(source: LeafHashSource, leafIndex: number, treeSize: number = source.size): Buffer[] {
  checkSize(source, treeSize, "treeSize");
  if (!isSize(leafIndex) || leafIndex >= treeSize) {
    throw new RangeError(`leafIndex must be an integer below treeSize ${treeSize}, got ${leafIndex}`);
  }
  return path(source, leafIndex, 0, treeSize);
}

// PATH(m, D[start:end]), with m relative to start.
function path(source: LeafHashSource, m: number, start: number, end: number): Buffer[] {
  const n = end - start;
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  return m < k
    ? [...path(source, m, start, start + k), subtreeHash(source, start + k, end)]
    : [...path(source, m - k, start + k, end), subtreeHash(source, start, start + k)];
}

/**
 * The consistency proof PROOF(m, D[n]) of RFC 6962 §2.1.2 between the trees of the first `size1`
 * and `size2` leaves. Empty when the sizes are equal. A proof from the empty tree proves nothing,
 * and the verifier rejects it, so size1 must be at least 1.
 */
export function consistencyProof(source: LeafHashSource, size1: number, size2: number = source.size): Buffer[] {
  checkSize(source, size2, "size2");
  if (!isSize(size1) || size1 < 1 || size1 > size2) {
    throw new RangeError(`size1 must be an integer from 1 to size2 ${size2}, got ${size1}`);
  }
  return subproof(source, size1, 0, size2, true);
}

// SUBPROOF(m, D[start:end], b), with m relative to start. `b` records whether the subtree being
// proved is still the whole old tree, whose root the verifier already has.
function subproof(source: LeafHashSource, m: number, start: number, end: number, b: boolean): Buffer[] {
  const n = end - start;
  if (m === n) return b ? [] : [subtreeHash(source, start, end)];
  const k = largestPowerOfTwoBelow(n);
  return m <= k
    ? [...subproof(source, m, start, start + k, b), subtreeHash(source, start + k, end)]
    : [...subproof(source, m - k, start + k, end, false), subtreeHash(source, start, start + k)];
}

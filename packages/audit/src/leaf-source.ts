import { emptyRoot, HASH_SIZE, isHash, nodeHash } from "./hash.js";
import { isPowerOfTwo, largestPowerOfTwoBelow } from "./bits.js";

/**
 * Random access to the leaf hashes of a log, indices 0 … size-1. Synchronous on purpose: proof
 * generation recurses over many subtrees, and callers (a projector's table, a test array) can
 * load the range they need first.
 */
export interface LeafHashSource {
  readonly size: number;
  leafHash(index: number): Uint8Array;
  /**
   * Optionally, a stored hash of the perfect subtree [start, end): end - start is a power of two of
   * at least 2 and start a multiple of it. Undefined means "recompute it from the leaves". Such a
   * subtree never changes once complete, so a persistent log can keep the large ones.
   */
  perfectSubtreeHash?(start: number, end: number): Uint8Array | undefined;
}

/** A source over leaf hashes already in memory. */
export function arraySource(hashes: readonly Uint8Array[]): LeafHashSource {
  return {
    size: hashes.length,
    leafHash: (index) => {
      const hash = hashes[index];
      if (hash === undefined) throw new RangeError(`no leaf ${index} in a source of ${hashes.length}`);
      return hash;
    },
  };
}

function readLeaf(source: LeafHashSource, index: number): Buffer {
  const hash = source.leafHash(index);
  // A malformed hash from storage would otherwise yield a valid-looking but unverifiable proof.
  if (!isHash(hash)) throw new TypeError(`leaf hash source gave no ${HASH_SIZE}-byte hash for leaf ${index}`);
  return Buffer.from(hash);
}

/** MTH(D[start:end]) of RFC 6962 §2.1, recomputed from the leaves: O(end - start) hashes. */
export function subtreeHash(source: LeafHashSource, start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return emptyRoot();
  if (n === 1) return readLeaf(source, start);
  if (source.perfectSubtreeHash && isPowerOfTwo(n) && start % n === 0) {
    const stored = source.perfectSubtreeHash(start, end);
    if (stored !== undefined) {
      if (!isHash(stored))
        throw new TypeError(`leaf hash source gave no ${HASH_SIZE}-byte hash for [${start}, ${end})`);
      return Buffer.from(stored);
    }
  }
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(subtreeHash(source, start, start + k), subtreeHash(source, start + k, end));
}

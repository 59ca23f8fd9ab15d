import { emptyRoot, HASH_SIZE, isHash, nodeHash } from "./hash.js";
import { half, isOdd, isSize, popCount } from "./bits.js";

/** The persisted form of a CompactRange: plain JSON, hashes as lowercase hex. */
export interface CompactRangeState {
  size: number;
  hashes: string[];
}

const HEX_HASH = new RegExp(`^[0-9a-f]{${HASH_SIZE * 2}}$`);

/**
 * An append-only accumulator for the RFC 6962 Merkle Tree Hash of a growing log. It keeps only the
 * roots of the perfect subtrees the current size decomposes into (one per set bit of `size`,
 * largest and leftmost first), so a projector can follow the whole log in O(log n) memory and
 * persist that state to resume from, without re-reading every event.
 */
export class CompactRange {
  #size = 0;
  #hashes: Buffer[] = [];

  get size(): number {
    return this.#size;
  }

  /**
   * `visit` is told of every inner node the leaf completes, as (level, index, hash): the perfect
   * subtree of 2^level leaves starting at leaf index × 2^level. A Merkle index stores the tall
   * ones from here instead of reading their leaves back and hashing them again.
   */
  append(leafHash: Uint8Array, visit?: (level: number, index: number, hash: Buffer) => void): void {
    if (!isHash(leafHash)) throw new TypeError(`a leaf hash must be ${HASH_SIZE} bytes`);
    if (this.#size === Number.MAX_SAFE_INTEGER) throw new RangeError("compact range is full");
    // Copied so a caller reusing its buffer cannot rewrite our state.
    let merged: Buffer = Buffer.from(leafHash);
    // Each trailing set bit of the old size is a perfect subtree exactly as tall as `merged`:
    // the new leaf completes it, like a carry in binary addition.
    let level = 0;
    for (let n = this.#size; isOdd(n); n = half(n)) {
      const left = this.#hashes.pop();
      if (left === undefined) throw new Error("compact range state is inconsistent with its size");
      merged = nodeHash(left, merged);
      level++;
      visit?.(level, (this.#size + 1) / 2 ** level - 1, merged);
    }
    this.#hashes.push(merged);
    this.#size++;
  }

  /** The Merkle Tree Hash of all leaves appended so far. */
  root(): Buffer {
    const last = this.#hashes.at(-1);
    if (last === undefined) return emptyRoot();
    // RFC 6962 splits off the largest power of two on the left, so the subtree roots fold from
    // the right: MTH = H(T1, H(T2, … H(Tk-1, Tk))).
    let root: Buffer = Buffer.from(last);
    for (let i = this.#hashes.length - 2; i >= 0; i--) root = nodeHash(this.#hashes[i] as Buffer, root);
    return root;
  }

  toJSON(): CompactRangeState {
    return { size: this.#size, hashes: this.#hashes.map((hash) => hash.toString("hex")) };
  }

  /** Restores a persisted state; throws on anything that could not have come from toJSON. */
  static fromJSON(state: unknown): CompactRange {
    const { size, hashes } = (typeof state === "object" && state !== null ? state : {}) as Partial<CompactRangeState>;
    if (!isSize(size)) throw new TypeError("compact range size must be a non-negative integer");
    if (!Array.isArray(hashes) || !hashes.every((hash) => typeof hash === "string" && HEX_HASH.test(hash))) {
      throw new TypeError(`compact range hashes must be ${HASH_SIZE}-byte lowercase hex strings`);
    }
    if (hashes.length !== popCount(size)) {
      throw new TypeError(`a compact range of size ${size} has ${popCount(size)} hashes, not ${hashes.length}`);
    }
    const range = new CompactRange();
    range.#size = size;
    range.#hashes = hashes.map((hash) => Buffer.from(hash, "hex"));
    return range;
  }
}

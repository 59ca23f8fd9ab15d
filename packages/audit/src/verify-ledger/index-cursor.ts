import type { LeafRecord, MerkleIndexReader } from "../merkle-index/types.js";

/** Reads an index's leaves in order, a page at a time, up to the size it had when opened. */
export class IndexCursor {
  readonly size: number;
  #page: LeafRecord[] = [];
  #at = 0;
  #nextLeaf = 0;

  constructor(
    private readonly index: MerkleIndexReader,
    private readonly pageSize: number,
  ) {
    this.size = index.size();
  }

  peek(): LeafRecord | undefined {
    if (this.#at >= this.#page.length) {
      if (this.#nextLeaf >= this.size) return undefined;
      const limit = Math.min(this.pageSize, this.size - this.#nextLeaf);
      this.#page = this.index.leaves(this.#nextLeaf, limit);
      this.#at = 0;
      this.#nextLeaf += limit;
      if (this.#page.length < limit) throw new Error("the index lost leaves while being read");
    }
    return this.#page[this.#at];
  }

  /** Moves past the leaf peek() gave. */
  skip(): void {
    this.#at++;
  }
}

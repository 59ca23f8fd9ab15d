import { CompactRange } from "../compact-range.js";
import type { LeafRecord, MerkleIndexReader } from "../merkle-index/types.js";
import { bySize, type SignedSize } from "./head-checks.js";
import { RANK, type ProblemLog } from "./problem-log.js";

/**
 * Checks the index against the signed heads, twice over: the tree recomputed from its leaf hashes
 * as they are read, and the roots it serves from its stored state and subtrees. An attacker who
 * rewrites store and index to agree still cannot make either match a signature.
 */
export class IndexRoots {
  readonly #folded = new CompactRange();
  readonly #heads: Map<number, SignedSize[]>;
  readonly #reported = new Set<number>();

  constructor(
    private readonly problems: ProblemLog,
    heads: readonly SignedSize[],
  ) {
    this.#heads = bySize(heads);
  }

  /** Folds in the next leaf of the index; `ordinal` is where the walk over the store is. */
  fold(leaf: LeafRecord, ordinal: number): void {
    this.#folded.append(leaf.leafHash);
    for (const head of this.#heads.get(this.#folded.size) ?? []) {
      if (this.#folded.root().toString("hex") !== head.rootHash) this.#mismatch(head, "leaves", ordinal);
    }
  }

  /** After every leaf is folded: the roots the index itself serves. */
  finish(index: MerkleIndexReader, size: number, ordinal: number): void {
    for (const [treeSize, heads] of this.#heads) {
      if (treeSize > size) continue;
      const root = index.root(treeSize).toString("hex");
      for (const head of heads) if (root !== head.rootHash) this.#mismatch(head, "stored hashes", ordinal);
    }
    if (!index.root(size).equals(this.#folded.root())) {
      this.problems.add(ordinal, RANK.index, {
        kind: "index-mismatch",
        leafIndex: size - 1,
        message: "the index's stored root does not match its own leaves",
      });
    }
  }

  #mismatch(head: SignedSize, what: string, ordinal: number): void {
    if (this.#reported.has(head.treeSize)) return;
    this.#reported.add(head.treeSize);
    this.problems.add(ordinal, RANK.index, {
      kind: "index-mismatch",
      leafIndex: head.treeSize - 1,
      message: `the index's ${what} for its first ${head.treeSize} leaves do not give the root ${head.label} signed`,
    });
  }
}

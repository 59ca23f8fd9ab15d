import type { LeafRecord, MerkleIndexReader } from "../merkle-index/types.js";
import type { SignedSize } from "./head-checks.js";
import { IndexCursor } from "./index-cursor.js";
import { IndexRoots } from "./index-roots.js";
import { RANK, type ProblemLog } from "./problem-log.js";

interface StoreEvent {
  id: string;
  position: bigint;
}

/**
 * Walks the index beside the store, matching leaves to events by position (a merge join: both are
 * in position order), so a deleted event shows as one missing leaf, not as every later leaf
 * shifted. Every leaf read also goes to IndexRoots, which checks the index against the heads.
 */
export class IndexCheck {
  readonly #cursor: IndexCursor;
  readonly #roots: IndexRoots;
  #ordinal = -1;
  unindexed = 0;

  constructor(
    private readonly index: MerkleIndexReader,
    private readonly problems: ProblemLog,
    heads: readonly SignedSize[],
    pageSize: number,
  ) {
    this.#cursor = new IndexCursor(index, pageSize);
    this.#roots = new IndexRoots(problems, heads);
  }

  get size(): number {
    return this.#cursor.size;
  }

  #take(): LeafRecord | undefined {
    const leaf = this.#cursor.peek();
    if (leaf === undefined) return undefined;
    this.#cursor.skip();
    this.#roots.fold(leaf, this.#ordinal);
    return leaf;
  }

  /** Consumes the leaves before `position`, which the store lacks, and takes the one at it, if any. */
  #align(position: bigint): LeafRecord | undefined {
    let first: LeafRecord | undefined;
    let skipped = 0;
    for (let leaf = this.#cursor.peek(); leaf && leaf.position < position; leaf = this.#cursor.peek()) {
      first ??= leaf;
      skipped++;
      this.#take();
    }
    if (first) {
      this.problems.add(this.#ordinal, RANK.located, {
        kind: "missing",
        position: first.position,
        eventId: first.eventId,
        leafIndex: first.leafIndex,
        message: `${skipped === 1 ? "the event" : `${skipped} events from the one`} at position ${first.position} (leaf ${first.leafIndex}) ${skipped === 1 ? "is" : "are"} in the index but not in the store`,
      });
    }
    const next = this.#cursor.peek();
    return next?.position === position ? this.#take() : undefined;
  }

  /** For an event that cannot be hashed: the index's leaf at its position, to name it by. */
  leafAt(position: bigint, ordinal: number): LeafRecord | undefined {
    this.#ordinal = ordinal;
    return this.#align(position);
  }

  check(event: StoreEvent, hash: Buffer, ordinal: number): void {
    this.#ordinal = ordinal;
    const leaf = this.#align(event.position);
    if (leaf === undefined) {
      if (this.#cursor.peek() === undefined) this.unindexed++;
      else this.#inserted(event, ordinal);
      return;
    }
    if (leaf.leafHash.equals(hash)) return;
    const recorded = this.index.leafIndexOf(event.id);
    if (recorded !== undefined && recorded !== leaf.leafIndex) {
      this.problems.add(ordinal, RANK.located, {
        kind: "reordered",
        position: event.position,
        eventId: event.id,
        leafIndex: leaf.leafIndex,
        message: `event ${event.id} is leaf ${recorded} in the index but sits at position ${event.position}, where the index has leaf ${leaf.leafIndex} (event ${leaf.eventId})`,
      });
    } else {
      this.problems.add(ordinal, RANK.altered, {
        kind: "altered",
        position: event.position,
        eventId: leaf.eventId,
        leafIndex: leaf.leafIndex,
        message: `the event at position ${event.position} (leaf ${leaf.leafIndex}) does not hash to the leaf the index recorded${recorded === undefined ? `; its id is now ${event.id}` : ""}`,
      });
    }
  }

  #inserted(event: StoreEvent, ordinal: number): void {
    this.problems.add(ordinal, RANK.altered, {
      kind: "inserted",
      position: event.position,
      eventId: event.id,
      leafIndex: ordinal,
      message: `the event at position ${event.position} is not in the index, though later positions are`,
    });
  }

  /** After the whole log: leaves the store no longer has, and the index's stored roots. */
  finish(count: number): void {
    this.#ordinal = count;
    const first = this.#cursor.peek();
    let remaining = 0;
    while (this.#take()) remaining++;
    if (first) {
      this.problems.add(count, RANK.located, {
        kind: "truncated",
        position: first.position,
        eventId: first.eventId,
        leafIndex: first.leafIndex,
        message: `the log ends after ${count} events; the index has ${remaining} more, from position ${first.position} (leaf ${first.leafIndex})`,
      });
    }
    this.#roots.finish(this.index, this.size, count);
  }
}

import { CompactRange } from "../compact-range.js";
import { emptyRoot } from "../hash.js";
import { bySize, type SignedSize } from "./head-checks.js";
import { RANK, type ProblemLog } from "./problem-log.js";

/**
 * Recomputes the tree over the store's events, in O(log n) memory, and compares its root with
 * every signed head as the log reaches the head's size. Without an index this is what locates an
 * alteration: to the range between the last head that matched and the first that does not.
 */
export class RootCheck {
  readonly #range = new CompactRange();
  readonly #heads: Map<number, SignedSize[]>;
  #verified = 0;
  #rangeStart: bigint | undefined;

  constructor(
    private readonly problems: ProblemLog,
    heads: readonly SignedSize[],
  ) {
    this.#heads = bySize(heads);
    this.#compare(-1);
  }

  append(hash: Buffer, position: bigint | undefined, ordinal: number): void {
    if (this.#range.size === this.#verified) this.#rangeStart = position;
    this.#range.append(hash);
    this.#compare(ordinal);
  }

  #compare(ordinal: number): void {
    const size = this.#range.size;
    const heads = this.#heads.get(size);
    if (!heads) return;
    const root = (size === 0 ? emptyRoot() : this.#range.root()).toString("hex");
    for (const head of heads) {
      if (head.rootHash === root) {
        this.#verified = Math.max(this.#verified, size);
        continue;
      }
      const from = this.#verified;
      const where = this.#rangeStart === undefined ? "" : ` (from position ${this.#rangeStart})`;
      this.problems.add(ordinal, RANK.range, {
        kind: "altered",
        ...(this.#rangeStart !== undefined && { position: this.#rangeStart }),
        leafIndex: from,
        range: { from, to: size },
        message: `leaves ${from} to ${size - 1}${where} do not hash to the root ${head.label} signed: an event among them was altered, removed, added or moved`,
      });
    }
  }

  /**
   * After the whole log: a head that signed more events than the log now has. Events below it
   * were removed, and perhaps others altered: located to the leaves after the last head that still
   * matches, the same range an alteration would be, not merely to the end of the log.
   */
  finish(count: number): void {
    const beyond = [...this.#heads.keys()].filter((size) => size > count);
    if (beyond.length === 0) return;
    const size = Math.min(...beyond);
    const head = this.#heads.get(size)?.[0];
    const from = this.#verified;
    const where =
      this.#rangeStart === undefined || this.#range.size === from ? "" : ` (from position ${this.#rangeStart})`;
    // Keyed at the end of the log, so an event the index locates inside the range comes first.
    this.problems.add(count, RANK.range, {
      kind: "missing",
      ...(where !== "" && { position: this.#rangeStart! }),
      leafIndex: from,
      range: { from, to: size },
      message:
        `the log has ${count} events, but ${head?.label ?? "a head"} signed ${size}: among leaves ${from} to ${size - 1}` +
        `${where} events were removed, and perhaps altered or moved`,
    });
  }
}

import type { Problem } from "./types.js";

/**
 * How problems found at the same place in the log are ordered: one that names an event exactly
 * comes before a content mismatch there, which comes before what a signed range or the index
 * merely implies.
 */
export const RANK = { located: 0, altered: 1, range: 2, index: 3 } as const;

interface Entry {
  key: number;
  rank: number;
  seq: number;
  problem: Problem;
}

/**
 * Problems keyed by the leaf (the count of events read before) where they show, so the first of
 * the sorted list is the first altered, missing or reordered event, whichever check found it and
 * whenever. Two checks naming the same kind at the same position report once.
 */
export class ProblemLog {
  readonly #entries: Entry[] = [];
  readonly #seen = new Map<string, Problem>();
  #count = 0;

  constructor(private readonly limit: number) {}

  /** Records a problem and returns it: a check may refine it later (a gap that turns out a move). */
  add(key: number, rank: number, problem: Problem): Problem {
    const same =
      problem.position === undefined ? undefined : `${problem.kind}@${problem.position}:${problem.range?.to ?? ""}`;
    const earlier = same === undefined ? undefined : this.#seen.get(same);
    if (earlier) return earlier;
    this.#count++;
    if (this.#entries.length < this.limit) {
      this.#entries.push({ key, rank, seq: this.#entries.length, problem });
      if (same !== undefined) this.#seen.set(same, problem);
    }
    return problem;
  }

  get count(): number {
    return this.#count;
  }

  sorted(): Problem[] {
    return [...this.#entries]
      .sort((a, b) => a.key - b.key || a.rank - b.rank || a.seq - b.seq)
      .map((entry) => entry.problem);
  }
}

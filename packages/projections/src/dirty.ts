/** Where a CBO's attribution walk restarts: the (distributedOn, distributionId) it touches first. */
export type WalkKey = readonly [distributedOn: string, distributionId: string];

/** Sorts before every real key, so a walk from here covers the CBO's whole history. */
export const FROM_START: WalkKey = ["", ""];

/**
 * What a batch changed, gathered while its events are applied and consumed when it settles. It
 * is bounded by the batch, so memory does not grow with history.
 */
export interface Dirty {
  /** Distributions that started counting (recorded) or stopped (voided). */
  counted: Set<string>;
  /** Person ids whose set of distributions changed, old ones (merged away, split) included. */
  persons: Set<string>;
  /**
   * Current person ids some of whose distributions changed label (a merge or a split). Only these
   * change distinct-person counts in cells the batch did not otherwise touch: a distribution
   * joining a person without a merge leaves her other cells as they were.
   */
  relabelled: Set<string>;
  /** Per CBO, the earliest key its attribution must be re-walked from. */
  walks: Map<string, WalkKey>;
  /**
   * Distributions whose allocations to funds changed, each with its allocations as the last batch
   * left them: the fund summaries move by the difference.
   */
  allocated: Map<string, readonly { fundId: string; paise: number }[]>;
  /** Funds received, or whose allocations or the persons they reached changed. */
  funds: Set<string>;
  policyChanged: boolean;
}

export const createDirty = (): Dirty => ({
  counted: new Set(),
  persons: new Set(),
  relabelled: new Set(),
  walks: new Map(),
  allocated: new Map(),
  funds: new Set(),
  policyChanged: false,
});

export const compareKeys = (a: WalkKey, b: WalkKey): number =>
  a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1;

function keep(keys: Map<string, WalkKey>, cboId: string, key: WalkKey, wins: (order: number) => boolean): void {
  const current = keys.get(cboId);
  if (current === undefined || wins(compareKeys(key, current))) keys.set(cboId, key);
}

/** Notes that a CBO's walk must start at `key` or earlier. */
export const walkFrom = (dirty: Dirty, cboId: string, key: WalkKey): void =>
  keep(dirty.walks, cboId, key, (order) => order < 0);

/** Notes in `until` the latest key of a CBO's changed distributions. */
export const latestChange = (until: Map<string, WalkKey>, cboId: string, key: WalkKey): void =>
  keep(until, cboId, key, (order) => order > 0);

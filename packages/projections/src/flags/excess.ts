import type { DedupRule } from "@relief-ledger/domain";

export interface Dated {
  distributionId: string;
  distributedOn: string;
  cboId: string;
}

export interface Excess {
  distribution: Dated;
  /** The distributions before it, in order, that fall in its window. */
  earlier: Dated[];
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date; calendar dates have no time zone, so UTC. */
export const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;

/**
 * One person's distributions of one service, ordered by (distributedOn, distributionId). The
 * window of a distribution on day t holds it and the distributions before it dated after
 * t - windowDays: with 30 days, one on 1 April is in the window of 30 April but not of 1 May.
 * It is excess when that window holds more than maxPerWindow. Two on one day: the later id is
 * the excess one, so the first kit of the day stays unflagged.
 */
export function findExcess(sorted: readonly Dated[], rule: DedupRule): Excess[] {
  const excess: Excess[] = [];
  let start = 0;
  sorted.forEach((distribution, i) => {
    const opens = dayNumber(distribution.distributedOn) - rule.windowDays;
    while (dayNumber(sorted[start]!.distributedOn) <= opens) start++;
    if (i - start + 1 > rule.maxPerWindow) excess.push({ distribution, earlier: sorted.slice(start, i) });
  });
  return excess;
}

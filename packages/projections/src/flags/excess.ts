import type { DedupRule } from "@relief-ledger/domain";

export interface Dated {
  distributionId: string;
  distributedOn: string;
  cboId: string;
}

export interface Excess {
  distribution: Dated;
  /** The first day inside its window (YYYY-MM-DD): the window is [windowOpensOn, its own date]. */
  windowOpensOn: string;
  /** How many distributions before it, in order, fall in its window. */
  earlierCount: number;
  /** The distinct CBOs of the window, itself included, sorted. */
  cboIds: string[];
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date; calendar dates have no time zone, so UTC. */
export const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;

/** The YYYY-MM-DD date of a day number. */
export const dateOfDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * One person's distributions of one service, ordered by (distributedOn, distributionId). The
 * window of a distribution on day t holds it and the distributions before it dated after
 * t - windowDays: with 30 days, one on 1 April is in the window of 30 April but not of 1 May.
 * It is excess when that window holds more than maxPerWindow. Two on one day: the later id is
 * the excess one, so the first kit of the day stays unflagged.
 *
 * Each excess carries its window as a reference (the day it opens) and a count, never the list
 * of the distributions in it: k records of one person on one day give k flags, and listing the
 * window in each would take space in k². The window slides once over the rows, counting the
 * CBOs in it, so the whole pass is linear in the rows.
 */
export function findExcess(sorted: readonly Dated[], rule: DedupRule): Excess[] {
  const excess: Excess[] = [];
  const cbosInWindow = new Map<string, number>();
  let start = 0;
  sorted.forEach((distribution, i) => {
    const opens = dayNumber(distribution.distributedOn) - rule.windowDays;
    cbosInWindow.set(distribution.cboId, (cbosInWindow.get(distribution.cboId) ?? 0) + 1);
    while (dayNumber(sorted[start]!.distributedOn) <= opens) {
      const leaving = sorted[start]!.cboId;
      const left = cbosInWindow.get(leaving)! - 1;
      if (left === 0) cbosInWindow.delete(leaving);
      else cbosInWindow.set(leaving, left);
      start++;
    }
    const earlierCount = i - start;
    if (earlierCount + 1 > rule.maxPerWindow) {
      excess.push({
        distribution,
        windowOpensOn: dateOfDay(opens + 1),
        earlierCount,
        cboIds: [...cbosInWindow.keys()].sort(),
      });
    }
  });
  return excess;
}

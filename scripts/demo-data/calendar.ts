// Dates as whole days since 1970-01-01 (UTC): arithmetic on days is exact, and a date a person
// enters has no time zone.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayOf(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (new Date(ms).getUTCDate() !== day) throw new RangeError(`not a calendar date: ${date}`);
  return ms / DAY_MS;
}

const cache = new Map<number, string>();

/** The date of a day number; cached, since a million distributions share a few hundred dates. */
export function dateOf(day: number): string {
  let text = cache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    cache.set(day, text);
  }
  return text;
}

export const msOf = (day: number): number => day * DAY_MS;

/** The first day of the month `offset` months after the month holding `day`. */
export function monthStart(day: number, offset = 0): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1) / DAY_MS;
}

/** The period a coalition covers: `months` calendar months ending with today's month. */
export interface Period {
  /** First day, the 1st of the first month. */
  start: number;
  /** Last day: today. */
  end: number;
  /** The first day of each month; month i is [monthStarts[i], monthStarts[i + 1]). */
  monthStarts: number[];
}

export function periodEnding(today: string, months: number): Period {
  const end = dayOf(today);
  const monthStarts = Array.from({ length: months }, (_, i) => monthStart(end, i - months + 1));
  return { start: monthStarts[0]!, end, monthStarts };
}

/** The index of the period's month holding `day`. */
export function monthIndex(period: Period, day: number): number {
  const starts = period.monthStarts;
  let i = starts.length - 1;
  while (i > 0 && starts[i]! > day) i--;
  return i;
}

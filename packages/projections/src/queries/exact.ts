/**
 * Read-model integers reach the API as JSON numbers. SQLite adds them exactly (64-bit, and SUM
 * fails rather than wraps), and statements that total money read them as BigInt; this turns one
 * back into a number only when the number is exact, so a total is never silently rounded.
 * Reaching 2^53 − 1 paise (Rs 90 lakh crore) takes nine million distributions at the per-record
 * bound: a ledger that ever does is told so loudly, not answered with a rounded figure.
 */
export class TotalOutOfRangeError extends RangeError {
  constructor() {
    super("a total exceeds 2^53 − 1 paise and cannot be given exactly as a JSON number");
    this.name = "TotalOutOfRangeError";
  }
}

const LIMIT = BigInt(Number.MAX_SAFE_INTEGER);

export function exactNumber(value: bigint | number): number {
  if (typeof value === "number") return value;
  if (value > LIMIT || value < -LIMIT) throw new TotalOutOfRangeError();
  return Number(value);
}

/** A row read with safeIntegers(), its integers as exact numbers and everything else as it was. */
export function exactRow<Row extends object>(row: Row): Row {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === "bigint" ? exactNumber(value) : value;
  return out as Row;
}

/** The exact sum of numbers that are each exact, as a number (checked as above). */
export const exactSum = (values: Iterable<number>): number => {
  let total = 0n;
  for (const value of values) total += BigInt(value);
  return exactNumber(total);
};

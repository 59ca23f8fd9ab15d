import { z } from "zod";

// Integer paise only: floating-point rupees drift when summed over lakhs of records. Each amount
// has an upper bound far above any real relief payment, so one typing slip (or an attacker's
// 2^53 − 1) cannot swamp every total, and a single amount is always exact in a JS number. Totals
// are summed exactly elsewhere (SQLite integers, BigInt in JS), never in floating point.

/** Rs 1 crore: the most one distribution may be worth (a year's kits for a family is ~Rs 50,000). */
export const MAX_VALUE_PAISE = 1_00_00_000_00;

/** Rs 100 crore: the most one fund may hold (the founding coalition's whole COVID response was Rs 68 crore). */
export const MAX_FUND_PAISE = 100_00_00_000_00;

/** A distribution's value; may be zero, e.g. donated goods with no recorded worth. */
export const PaiseSchema = z
  .int("must be a whole number of paise")
  .min(0, "must not be negative")
  .max(MAX_VALUE_PAISE, `must be at most ${MAX_VALUE_PAISE} paise (Rs 1 crore)`);

/** Money that moved into a fund: a fund of zero paise would be noise in every donor report. */
export const AmountPaiseSchema = z
  .int("must be a whole number of paise")
  .min(1, "must be more than 0 paise")
  .max(MAX_FUND_PAISE, `must be at most ${MAX_FUND_PAISE} paise (Rs 100 crore)`);

export type Paise = z.infer<typeof PaiseSchema>;

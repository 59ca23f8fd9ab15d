import { z } from "zod";

// Integer paise only: floating-point rupees drift when summed over lakhs of records. z.int() also
// caps at Number.MAX_SAFE_INTEGER, so a value never silently loses precision in JSON.

/** A value that may be zero, e.g. a distribution of donated goods with no recorded worth. */
export const PaiseSchema = z.int("must be a whole number of paise").min(0, "must not be negative");

/** Money that moved: a fund of zero paise would be noise in every donor report. */
export const AmountPaiseSchema = z.int("must be a whole number of paise").min(1, "must be more than 0 paise");

export type Paise = z.infer<typeof PaiseSchema>;

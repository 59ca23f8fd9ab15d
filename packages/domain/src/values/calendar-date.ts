import { z } from "zod";

/**
 * A date a person enters, `YYYY-MM-DD`, that exists in the calendar (2024-02-29 yes, 2025-02-30
 * no). Kept as a string: it has no time zone, and string order is date order.
 */
export const CalendarDateSchema = z.iso.date("must be a real calendar date written YYYY-MM-DD");

export type CalendarDate = z.infer<typeof CalendarDateSchema>;

export const isCalendarDate = (value: string): boolean => CalendarDateSchema.safeParse(value).success;

/** The earliest date a person may enter (a distribution, a fund received): older ones are typing mistakes. */
export const EARLIEST_ENTERED_DATE = "2000-01-01";

/**
 * The one rule for dates people enter (`distributedOn`, `receivedOn`): not after today (the
 * caller's today, in India) and not before 2000-01-01. The problem as a refusal says it, or
 * undefined when the date is within bounds. Needs a clock, so it is a decision, not a schema.
 */
export function enteredDateProblem(date: CalendarDate, today: CalendarDate): string | undefined {
  if (date > today) return "is in the future";
  if (date < EARLIEST_ENTERED_DATE) return `is before ${EARLIEST_ENTERED_DATE}`;
  return undefined;
}

import { z } from "zod";
import { PROBLEMS } from "../api/problems.js";

/**
 * A date a person enters, `YYYY-MM-DD`, that exists in the calendar (2024-02-29 yes, 2025-02-30
 * no). Kept as a string: it has no time zone, and string order is date order.
 */
export const CalendarDateSchema = z.iso.date("must be a real calendar date written YYYY-MM-DD");

export type CalendarDate = z.infer<typeof CalendarDateSchema>;

export const isCalendarDate = (value: string): boolean => CalendarDateSchema.safeParse(value).success;

/** India is UTC+5:30 all year; a CBO entering today's date just after midnight must not be refused. */
export const todayInIndia = (now = Date.now()): string => new Date(now + 330 * 60_000).toISOString().slice(0, 10);

/** The earliest date a person may enter (a distribution, a fund received): older ones are typing mistakes. */
export const EARLIEST_ENTERED_DATE = "2000-01-01";

/**
 * The one rule for dates people enter (`distributedOn`, `receivedOn`): not after today (the
 * caller's today, in India) and not before 2000-01-01. The problem as a refusal says it, or
 * undefined when the date is within bounds. Needs a clock, so it is a decision, not a schema.
 */
export function enteredDateProblem(date: CalendarDate, today: CalendarDate): string | undefined {
  const problem = enteredDateProblemCode(date, today);
  return problem && PROBLEMS[problem];
}

/** The same rule, as the problem's code. */
export function enteredDateProblemCode(
  date: CalendarDate,
  today: CalendarDate,
): "date.future" | "date.tooOld" | undefined {
  if (date > today) return "date.future";
  if (date < EARLIEST_ENTERED_DATE) return "date.tooOld";
  return undefined;
}

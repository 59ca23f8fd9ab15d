import { z } from "zod";

/**
 * A date a person enters, `YYYY-MM-DD`, that exists in the calendar (2024-02-29 yes, 2025-02-30
 * no). Kept as a string: it has no time zone, and string order is date order.
 */
export const CalendarDateSchema = z.iso.date("must be a real calendar date written YYYY-MM-DD");

export type CalendarDate = z.infer<typeof CalendarDateSchema>;

export const isCalendarDate = (value: string): boolean => CalendarDateSchema.safeParse(value).success;

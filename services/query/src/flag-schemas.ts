import { CboIdSchema, ServiceSchema, StateCodeSchema } from "@relief-ledger/domain";
import { assertActsFor, notFound, type Principal } from "@relief-ledger/http";
import type { FlagFilter } from "@relief-ledger/projections";
import { z } from "zod";

/** The filters /v1/flags and /v1/flags/outcomes share (the list adds status, order and paging). */
export const FlagFilterQuery = z.object({
  cboId: CboIdSchema.optional().describe("flags involving this CBO (a CBO key: its own only)"),
  service: ServiceSchema.optional(),
  state: StateCodeSchema.optional().describe("flags involving a CBO registered in this state"),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
    .optional()
    .describe("flags whose flagged distribution fell in this month"),
  minCbos: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(1000, "must be at most 1000")
    .optional()
    .describe("flags whose window holds distributions of at least this many CBOs"),
});

/** The filter a key may ask for: a CBO key only ever reads flags involving its own CBO. */
export function flagFilterFor<T extends FlagFilter>(principal: Principal, asked: T): T {
  if (asked.cboId) assertActsFor(principal, asked.cboId, "a CBO key reads only flags involving its own CBO");
  return principal.role === "cbo" ? { ...asked, cboId: principal.cboId } : asked;
}

/**
 * A flag as a key may read it: an auditor any flag, a CBO one whose window holds its own
 * distributions (as in /v1/flags). Any other answers 404, as a flag that is not there does.
 */
export function readableFlag<F extends { cboIds: readonly string[] }>(principal: Principal, flag: F | undefined): F {
  if (!flag || (principal.role === "cbo" && !flag.cboIds.includes(principal.cboId)))
    throw notFound("no such flag among those this key may read");
  return flag;
}

import type { FieldError } from "../api/field-errors.js";

/**
 * Why the ledger refuses a command, in the ledger's own terms. The edge (the ingest service) maps
 * each reason to an HTTP status; the domain never speaks HTTP.
 *
 * - `breaks_rules`: the command names something unknown or breaks a rule of the ledger's state.
 * - `not_permitted`: the principal may not do this to this thing (another CBO's distribution).
 * - `already_recorded`: an id was recorded before with other content; retrying cannot help.
 * - `already_voided`: the distribution was voided before.
 */
export const REFUSAL_REASONS = ["breaks_rules", "not_permitted", "already_recorded", "already_voided"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** A refusal the ledger owes the client: the reason says which rule, the details say where. */
export interface Refusal {
  reason: RefusalReason;
  message: string;
  details: FieldError[];
}

export type Decision<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

export const accept = <T>(value: T): Decision<T> => ({ ok: true, value });
export const refusal = (reason: RefusalReason, message: string, details: FieldError[] = []): Refusal => ({
  reason,
  message,
  details,
});
export const refuse = (reason: RefusalReason, message: string, details: FieldError[] = []): Decision<never> => ({
  ok: false,
  ...refusal(reason, message, details),
});
/** The command names something the ledger does not hold: the field that names it, what it is not, the whole. */
export const refuseMissing = (path: string, fieldMessage: string, message: string): Decision<never> =>
  refuse("breaks_rules", message, [{ path, message: fieldMessage }]);

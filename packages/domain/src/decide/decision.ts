import type { FieldError } from "../api/field-errors.js";

/** A refusal the ledger owes the client: the status says which rule, the details say where. */
export interface Refusal {
  status: 403 | 409 | 422;
  message: string;
  details: FieldError[];
}

export type Decision<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

export const accept = <T>(value: T): Decision<T> => ({ ok: true, value });
export const refuse = (status: Refusal["status"], message: string, details: FieldError[] = []): Decision<never> => ({
  ok: false,
  status,
  message,
  details,
});

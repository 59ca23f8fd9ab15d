import type { FieldError } from "../api/field-errors.js";
import { normalizeIdentifier } from "../identifiers/normalize.js";
import type { IdentifierType } from "../identifiers/types.js";
import { MAX_BENEFICIARY_REFS, type BeneficiaryRef } from "./beneficiary-ref.js";
import type { Pseudonymizer } from "./pseudonymizer.js";

/** One identity document as a client names it. Held only in memory, never stored or logged. */
export interface RawBeneficiaryRef {
  type: IdentifierType;
  value: string;
}

/** An identity document after normalisation: still identifying, so it too lives only in memory. */
export interface NormalizedRef {
  type: IdentifierType;
  normalized: string;
}

/**
 * Replaces normalised documents with pseudonyms. Two documents that normalise alike (the same
 * phone written twice) become one ref, in the order first given, so a retry of the same content
 * yields the same refs.
 */
export function pseudonymizeNormalized(
  refs: readonly NormalizedRef[],
  cboId: string,
  pseudonymizer: Pseudonymizer,
): BeneficiaryRef[] {
  const unique = new Map<string, BeneficiaryRef>();
  for (const { type, normalized } of refs) {
    const ref = pseudonymizer.pseudonymize(type, normalized, cboId);
    if (!unique.has(ref.pseudonym)) unique.set(ref.pseudonym, ref);
  }
  return [...unique.values()];
}

export type PseudonymizeRefsResult = { ok: true; refs: BeneficiaryRef[] } | { ok: false; errors: FieldError[] };

/** Replaces every raw value with its pseudonym, or lists every bad value by path without echoing it. */
export function pseudonymizeRefs(
  rawRefs: readonly RawBeneficiaryRef[],
  cboId: string,
  pseudonymizer: Pseudonymizer,
  path = "beneficiaryRefs",
): PseudonymizeRefsResult {
  if (rawRefs.length === 0 || rawRefs.length > MAX_BENEFICIARY_REFS) {
    return { ok: false, errors: [{ path, message: `must name 1 to ${MAX_BENEFICIARY_REFS} identity documents` }] };
  }
  const errors: FieldError[] = [];
  const normalized: NormalizedRef[] = [];
  rawRefs.forEach((raw, index) => {
    const result = normalizeIdentifier(raw.type, raw.value);
    if (result.ok) normalized.push({ type: raw.type, normalized: result.normalized });
    else errors.push({ path: `${path}.${index}.value`, message: result.reason });
  });
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, refs: pseudonymizeNormalized(normalized, cboId, pseudonymizer) };
}

import { normalizeAadhaar } from "./aadhaar.js";
import { normalizeMemberId, normalizeRationCard, normalizeVoterId } from "./documents.js";
import { normalizePhone } from "./phone.js";
import { fail, type IdentifierType, type NormalizeResult } from "./types.js";

const NORMALIZERS: Record<IdentifierType, (raw: unknown) => NormalizeResult> = {
  aadhaar: normalizeAadhaar,
  phone: normalizePhone,
  ration_card: normalizeRationCard,
  voter_id: normalizeVoterId,
  member_id: normalizeMemberId,
};

/**
 * Normalises and validates one identity value. Normalising is idempotent and independent of the
 * CBO; a member_id is scoped to its CBO only when it is pseudonymised.
 */
export function normalizeIdentifier(type: IdentifierType, raw: unknown): NormalizeResult {
  const normalize = NORMALIZERS[type] as ((raw: unknown) => NormalizeResult) | undefined;
  return normalize ? normalize(raw) : fail("row.invalid");
}

import { z } from "zod";
import { IdentifierTypeSchema } from "../identifiers/types.js";
import { KeyIdSchema } from "../values/ids.js";

export const PSEUDONYM_PATTERN = /^[0-9a-f]{64}$/;

/**
 * A beneficiary as the ledger stores her: which kind of document named her, the keyed hash of
 * its normalised value, and which key made the hash. There is no field that could hold the value.
 */
export const BeneficiaryRefSchema = z.strictObject({
  type: IdentifierTypeSchema,
  pseudonym: z.string().regex(PSEUDONYM_PATTERN, "must be 64 lowercase hex digits (HMAC-SHA256)"),
  keyId: KeyIdSchema,
});

export type BeneficiaryRef = z.infer<typeof BeneficiaryRefSchema>;

/** At most this many documents name one beneficiary in one distribution. */
export const MAX_BENEFICIARY_REFS = 5;

import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import type { IdentifierType } from "../identifiers/types.js";
import { KeyIdSchema, isSlug } from "../values/ids.js";
import type { BeneficiaryRef } from "./beneficiary-ref.js";

/** 256 bits: the key is all that stands between a pseudonym and a dictionary of every Aadhaar. */
export const MIN_PSEUDONYM_KEY_BYTES = 32;

export interface PseudonymizerOptions {
  keyId: string;
  key: Uint8Array;
}

export interface Pseudonymizer {
  readonly keyId: string;
  /** `normalized` must come from normalizeIdentifier; cboId scopes member_id and nothing else. */
  pseudonymize(type: IdentifierType, normalized: string, cboId: string): BeneficiaryRef;
}

// Aadhaar, phone, ration card and voter ID are national, so the same person is linked across
// CBOs; a member code means something only inside the CBO that issued it. A slug cannot contain
// ':', so the two inputs can never collide.
export function pseudonymInput(type: IdentifierType, normalized: string, cboId: string): string {
  return type === "member_id" ? `member_id:${cboId}:${normalized}` : `${type}:${normalized}`;
}

export function createPseudonymizer(options: PseudonymizerOptions): Pseudonymizer {
  const { keyId, key } = options;
  if (!KeyIdSchema.safeParse(keyId).success) {
    throw new TypeError("pseudonym keyId must be 1-64 letters, digits, '_', '.', ':' or '-'");
  }
  if (!(key instanceof Uint8Array) || key.byteLength < MIN_PSEUDONYM_KEY_BYTES) {
    throw new TypeError(`pseudonym key must be at least ${MIN_PSEUDONYM_KEY_BYTES} bytes`);
  }
  // A KeyObject holds its own copy, so the caller may wipe its buffer and nothing that inspects
  // or serialises the pseudonymizer can reach the bytes.
  const secret: KeyObject = createSecretKey(key);
  return Object.freeze({
    keyId,
    pseudonymize(type: IdentifierType, normalized: string, cboId: string): BeneficiaryRef {
      if (!isSlug(cboId)) throw new TypeError("pseudonymize needs a valid cboId");
      if (normalized === "") throw new TypeError("pseudonymize needs a normalised value");
      const pseudonym = createHmac("sha256", secret)
        .update(pseudonymInput(type, normalized, cboId), "utf8")
        .digest("hex");
      return { type, pseudonym, keyId };
    },
  });
}

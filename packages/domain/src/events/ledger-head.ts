import { z } from "zod";
import { KeyIdSchema } from "../values/ids.js";

/**
 * A signed RFC 6962 tree head. Hashes and the Ed25519 signature (64 bytes) are lowercase hex:
 * one spelling per value, where base64 and base64url would give two, and the same as rootHash.
 */
export const LedgerHeadSignedSchema = z.strictObject({
  treeSize: z.int("must be a whole number").min(0, "must not be negative"),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits (SHA-256)"),
  keyId: KeyIdSchema,
  signature: z.string().regex(/^[0-9a-f]{128}$/, "must be 128 lowercase hex digits (Ed25519)"),
});

export type LedgerHeadSigned = z.infer<typeof LedgerHeadSignedSchema>;

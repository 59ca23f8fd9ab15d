import { z } from "zod";
import { KeyIdSchema } from "../values/ids.js";

/**
 * A checkpoint origin (C2SP tlog-checkpoint): the log's name, a schema-less URL such as
 * `ledger.coalition.example/relief`. Printable ASCII without spaces or `+`, so it is one line of a
 * signed note and one part of a verifier key.
 */
export const LogOriginSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[!-*,-~]+$/, "must be printable ASCII without spaces or '+'");

/**
 * A signed RFC 6962 tree head. Hashes and the Ed25519 signature (64 bytes) are lowercase hex:
 * one spelling per value, where base64 and base64url would give two, and the same as rootHash.
 * With `origin`, the signature is the Ed25519 note signature of the C2SP checkpoint
 * `origin\ntreeSize\nbase64(root)\n`, over leaves of format 2 from the last v1 head on; without,
 * it is the retired v1 form (message `relief-ledger/tree-head/v1\n…`), whose leaves are format 1.
 */
export const LedgerHeadSignedSchema = z.strictObject({
  treeSize: z.int("must be a whole number").min(0, "must not be negative"),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits (SHA-256)"),
  keyId: KeyIdSchema,
  signature: z.string().regex(/^[0-9a-f]{128}$/, "must be 128 lowercase hex digits (Ed25519)"),
  origin: LogOriginSchema.optional(),
});
export type LedgerHeadSigned = z.infer<typeof LedgerHeadSignedSchema>;

import { CONSISTENCY_BUNDLE_FORMAT, INCLUSION_BUNDLE_FORMAT } from "@relief-ledger/audit";
import { LedgerHeadSignedSchema } from "@relief-ledger/domain";
import { z } from "zod";

const hash = z.string().regex(/^[0-9a-f]{64}$/);
// The event store's own rule for event ids: lowercase UUIDs.
const EventIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "must be a lowercase UUID");
const size = (what: string) =>
  z.coerce.number().int("must be a whole number").min(1, "must be 1 or more").describe(what);

// Nested, so the answer saved as a file is a head file the ledger CLI takes (`verify --head`).
export const HeadSchema = z
  .object({
    head: LedgerHeadSignedSchema.describe("the signed tree head: exactly what the signature covers"),
    signedAt: z.string().describe("when the LedgerHeadSigned event was recorded (UTC)"),
    checkpoint: z
      .string()
      .optional()
      .describe("the same head as a C2SP tlog-checkpoint signed note, with the witnesses' cosignature lines"),
    cosignatures: z
      .array(
        z.object({
          witness: z.string().describe("the witness's name"),
          cosignedAt: z.string().describe("when it cosigned (UTC), from the cosignature's own timestamp"),
          line: z.string().describe("the C2SP tlog-cosignature/v1 signature line"),
        }),
      )
      .describe("witnesses that checked this head against the one they kept and cosigned it"),
  })
  .describe("The latest signed tree head");

export const PublicKeyQuerySchema = z.object({
  keyId: z.string().max(64).optional().describe("an earlier key's id; by default the key in use"),
});

export const PublicKeySchema = z.object({
  keyId: z.string(),
  algorithm: z.literal("Ed25519"),
  publicKeyPem: z.string().describe("SubjectPublicKeyInfo PEM"),
  publicKeyHex: z.string().describe("the 32 raw key bytes (RFC 8032), lowercase hex"),
});

export const InclusionParamsSchema = z.object({ eventId: EventIdSchema });
export const DistributionInclusionQuerySchema = z.object({
  distributionId: EventIdSchema.describe("the distribution's id, as on the CBO's receipt"),
  treeSize: size("the size of a signed head to prove against; by default the latest").optional(),
});
export const InclusionQuerySchema = z.object({
  treeSize: size("the size of a signed head to prove against; by default the latest").optional(),
});

export const InclusionBundleSchema = z.object({
  format: z.literal(INCLUSION_BUNDLE_FORMAT),
  leafFormat: z
    .union([z.literal(1), z.literal(2)])
    .optional()
    .describe("how the leaf hashes the event: 2 covers the metadata too; absent means 1"),
  event: z.object({
    stream: z.string(),
    revision: z.number().int(),
    type: z.string(),
    id: z.string(),
    data: z.record(z.string(), z.unknown()),
    metadata: z.record(z.string(), z.unknown()).optional().describe("present in leaf format 2"),
    recordedAt: z.string(),
  }),
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  inclusionProof: z.array(hash).describe("the RFC 6962 audit path, sibling first"),
  head: LedgerHeadSignedSchema,
});

export const ConsistencyQuerySchema = z.object({
  from: size("the size of the earlier signed head"),
  to: size("the size of the later signed head; by default the latest").optional(),
});

export const ConsistencyBundleSchema = z.object({
  format: z.literal(CONSISTENCY_BUNDLE_FORMAT),
  from: LedgerHeadSignedSchema,
  to: LedgerHeadSignedSchema,
  proof: z.array(hash).describe("the RFC 6962 consistency proof"),
});

export const CosignatureBodySchema = z.object({
  checkpoint: z
    .string()
    .max(65_536)
    .describe("the checkpoint as the witness cosigned it: note text, blank line, signature lines incl. its own"),
});

export const CosignatureAcceptedSchema = z.object({
  witness: z.string(),
  treeSize: z.number().int(),
  cosignedAt: z.string(),
});

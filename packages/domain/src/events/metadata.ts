import { z } from "zod";
import { CboIdSchema, CorrelationIdSchema, DonorIdSchema, KeyIdSchema } from "../values/ids.js";

export const ROLES = ["admin", "cbo", "donor", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** Who wrote an event: the API key's id and role, never the key. A cbo or donor key has one scope. */
export const PrincipalSchema = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("admin"), keyId: KeyIdSchema }),
  z.strictObject({ role: z.literal("cbo"), keyId: KeyIdSchema, cboId: CboIdSchema }),
  z.strictObject({ role: z.literal("donor"), keyId: KeyIdSchema, donorId: DonorIdSchema }),
  z.strictObject({ role: z.literal("auditor"), keyId: KeyIdSchema }),
]);

export type Principal = z.infer<typeof PrincipalSchema>;

export const SCHEMA_VERSION = 1;

// Strict, like event data: a request's IP or user agent has no business in an immutable log.
export const EventMetadataSchema = z.strictObject({
  recordedAt: z.iso.datetime({ offset: false, message: "must be an ISO 8601 UTC time ending in Z" }),
  principal: PrincipalSchema,
  correlationId: CorrelationIdSchema,
  schemaVersion: z.literal(SCHEMA_VERSION),
});

export type EventMetadata = z.infer<typeof EventMetadataSchema>;

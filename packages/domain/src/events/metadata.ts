import { z } from "zod";
import { CboIdSchema, CorrelationIdSchema, DonorIdSchema, KeyIdSchema } from "../values/ids.js";

export const ROLES = ["admin", "cbo", "donor", "auditor", "witness"] as const;
export type Role = (typeof ROLES)[number];

const KEY_HOLDERS = [
  z.strictObject({ role: z.literal("admin"), keyId: KeyIdSchema }),
  z.strictObject({ role: z.literal("cbo"), keyId: KeyIdSchema, cboId: CboIdSchema }),
  z.strictObject({ role: z.literal("donor"), keyId: KeyIdSchema, donorId: DonorIdSchema }),
  z.strictObject({ role: z.literal("auditor"), keyId: KeyIdSchema }),
  // A witness key posts cosignatures only; its Ed25519 verifier key is on its API key record.
  z.strictObject({ role: z.literal("witness"), keyId: KeyIdSchema }),
] as const;

/** Who wrote an event: the API key's id and role, never the key. A cbo or donor key has one scope. */
export const PrincipalSchema = z.discriminatedUnion("role", [...KEY_HOLDERS]);

export type Principal = z.infer<typeof PrincipalSchema>;

/**
 * The ledger's own processes, e.g. the projector appending a signed tree head; `keyId` names the
 * key it acted with (the signing key). Not in ROLES: no API key can be issued for it, so no request
 * can claim it (decisions/0006).
 */
export const SystemPrincipalSchema = z.strictObject({ role: z.literal("system"), keyId: KeyIdSchema });

/** Whoever an event's metadata may name: an API key's holder, or the system itself. */
export const EventPrincipalSchema = z.discriminatedUnion("role", [...KEY_HOLDERS, SystemPrincipalSchema]);

export type EventPrincipal = z.infer<typeof EventPrincipalSchema>;

export const SCHEMA_VERSION = 1;

// Strict, like event data: a request's IP or user agent has no business in an immutable log.
export const EventMetadataSchema = z.strictObject({
  recordedAt: z.iso.datetime({ offset: false, message: "must be an ISO 8601 UTC time ending in Z" }),
  principal: EventPrincipalSchema,
  correlationId: CorrelationIdSchema,
  schemaVersion: z.literal(SCHEMA_VERSION),
});

export type EventMetadata = z.infer<typeof EventMetadataSchema>;

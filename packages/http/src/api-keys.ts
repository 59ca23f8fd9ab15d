import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import { PrincipalSchema, ROLES, ROLE_SCOPES, type Principal, type Role } from "@relief-ledger/domain";
import { z } from "zod";

export { ROLES, ROLE_SCOPES, type Principal, type Role };

const Instant = z.iso.datetime({ offset: false, message: "must be an ISO 8601 UTC time ending in Z" });

/** The fields every key record has; its scope fields (cboId, donorId, …) follow its role. */
const RECORD_FIELDS = z.object({
  keyId: z.string().regex(/^[0-9a-f]{12}$/, "must be 12 hex digits"),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex"),
  role: z.enum(ROLES),
  label: z.string().optional(),
  createdAt: Instant,
  /** After this instant the key is refused. Absent: it does not expire. */
  expiresAt: Instant.optional(),
  /** When `ledger keys revoke` ended it; a revoked key is kept in the file so `keys list` shows it. */
  revokedAt: Instant.optional(),
  /** For a witness key: the witness's C2SP verifier key (name+keyHash+base64), whose cosignatures it posts. */
  witnessKey: z.string().max(512).optional(),
});

const BASE_FIELDS = new Set(Object.keys(RECORD_FIELDS.shape));

/** A scope field's value by name, for code that reads a record's scope without knowing its role. */
export type ScopeFields = Partial<Record<string, string>>;

export type ApiKeyRecord = z.infer<typeof RECORD_FIELDS> & ScopeFields;

/** The principal part of a record: its role, id and exactly the scope fields its role has. */
const principalPart = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([field]) => !BASE_FIELDS.has(field) || field === "role"));

/**
 * One key record. Its role and scope must make a valid principal (a cbo key names one valid
 * cboId and nothing else), checked by the domain's own principal schema, so a role added there
 * is a valid record here without a change.
 */
export const apiKeyRecordSchema = z.looseObject(RECORD_FIELDS.shape).superRefine((record, ctx) => {
  const principal = PrincipalSchema.safeParse({ ...principalPart(record), keyId: "k" });
  if (!principal.success) {
    const fields = ROLE_SCOPES[record.role].join(", ") || "no scope field";
    ctx.addIssue({ code: "custom", message: `a ${record.role} key has ${fields}, valid, and no other field` });
  }
  if ((record.role === "witness") !== Boolean(record.witnessKey)) {
    ctx.addIssue({ code: "custom", message: "a witness key has a witnessKey, and no other key has one" });
  }
}) as unknown as z.ZodType<ApiKeyRecord>;

export const apiKeysFileSchema = z.strictObject({ keys: z.array(apiKeyRecordSchema) });

const TOKEN = /^rlk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** The key id a token carries (`rlk_<keyId>_…`), or undefined for anything else. */
export const keyIdOf = (token: string): string | undefined => TOKEN.exec(token)?.[1];

/** Only this hash is ever stored; the token is shown once, when it is created. */
export const hashToken = (token: string): string => hash("sha256", token, "hex");

// Every authenticated request compares against a stored hash: decode each record's hex once.
// Only the stored SHA-256 is kept here, never a presented token.
const storedDigests = new WeakMap<ApiKeyRecord, Buffer>();
function storedDigest(record: ApiKeyRecord): Buffer {
  let digest = storedDigests.get(record);
  if (digest === undefined) {
    digest = Buffer.from(record.hash, "hex");
    storedDigests.set(record, digest);
  }
  return digest;
}

/** What a key may be created with: its role, the scope its role needs, and optional notes. */
export type KeyScope = { role: Role; label?: string; expiresAt?: string; witnessKey?: string } & ScopeFields;

export function createApiKey(scope: KeyScope, now = new Date()): { token: string; record: ApiKeyRecord } {
  const keyId = randomBytes(6).toString("hex");
  const token = `rlk_${keyId}_${randomBytes(32).toString("base64url")}`;
  return { token, record: { keyId, hash: hashToken(token), ...scope, createdAt: now.toISOString() } };
}

export type KeyStatus = "active" | "revoked" | "expired";

/** Whether a key is in force at `now`: a revoked or expired key is refused as an unknown one is. */
export function keyStatus(record: ApiKeyRecord, now = Date.now()): KeyStatus {
  if (record.revokedAt !== undefined) return "revoked";
  if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now) return "expired";
  return "active";
}

/**
 * Looks a bearer token up in constant time per candidate; undefined when it matches no key, or
 * a key that is revoked or expired.
 */
export function authenticate(
  token: string,
  keys: ReadonlyMap<string, ApiKeyRecord>,
  now = Date.now(),
): Principal | undefined {
  const match = TOKEN.exec(token);
  const record = match ? keys.get(match[1]!) : undefined;
  if (!record) return undefined;
  const presented = hash("sha256", token, "buffer");
  if (!timingSafeEqual(presented, storedDigest(record))) return undefined;
  if (keyStatus(record, now) !== "active") return undefined;
  return toPrincipal(record);
}

const principals = new WeakMap<ApiKeyRecord, Principal>();

/** The principal a key acts as, in the shape stored in event metadata (worked out once per record). */
export function toPrincipal(record: ApiKeyRecord): Principal {
  let principal = principals.get(record);
  if (principal === undefined) {
    principal = PrincipalSchema.parse({ ...principalPart(record), keyId: record.keyId });
    principals.set(record, principal);
  }
  return principal;
}

/** "cbo ashodaya-samithi", "donor azim-trust", or "coalition-wide" for a key with no scope. */
export function describeScope(record: ApiKeyRecord): string {
  if (record.witnessKey) return `witness ${record.witnessKey.split("+")[0]}`;
  const fields = ROLE_SCOPES[record.role];
  if (fields.length === 0) return "coalition-wide";
  return fields.map((field) => `${field.replace(/Id$/, "")} ${record[field] ?? "?"}`).join(", ");
}

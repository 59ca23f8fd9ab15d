import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import { ROLES, type Principal, type Role } from "@relief-ledger/domain";
import { z } from "zod";

export { ROLES, type Principal, type Role };

export const apiKeyRecordSchema = z
  .object({
    keyId: z.string().regex(/^[0-9a-f]{12}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    role: z.enum(ROLES),
    cboId: z.string().optional(),
    donorId: z.string().optional(),
    /** For a witness key: the witness's C2SP verifier key (name+keyHash+base64), whose cosignatures it posts. */
    witnessKey: z.string().max(512).optional(),
    label: z.string().optional(),
    createdAt: z.string(),
  })
  .refine(
    (record) =>
      (record.role === "cbo") === Boolean(record.cboId) &&
      (record.role === "donor") === Boolean(record.donorId) &&
      (record.role === "witness") === Boolean(record.witnessKey),
    {
      message:
        "a cbo key needs a cboId, a donor key a donorId and a witness key a witnessKey, and no other key has any",
    },
  );
export type ApiKeyRecord = z.infer<typeof apiKeyRecordSchema>;

export const apiKeysFileSchema = z.object({ keys: z.array(apiKeyRecordSchema) });

const TOKEN = /^rlk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

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

export function createApiKey(
  scope: { role: Role; cboId?: string; donorId?: string; witnessKey?: string; label?: string },
  now = new Date(),
): { token: string; record: ApiKeyRecord } {
  const keyId = randomBytes(6).toString("hex");
  const token = `rlk_${keyId}_${randomBytes(32).toString("base64url")}`;
  return { token, record: { keyId, hash: hashToken(token), ...scope, createdAt: now.toISOString() } };
}

/** Looks a bearer token up in constant time per candidate; undefined when it matches no key. */
export function authenticate(token: string, keys: ReadonlyMap<string, ApiKeyRecord>): Principal | undefined {
  const match = TOKEN.exec(token);
  const record = match ? keys.get(match[1]!) : undefined;
  if (!record) return undefined;
  const presented = hash("sha256", token, "buffer");
  if (!timingSafeEqual(presented, storedDigest(record))) return undefined;
  return toPrincipal(record);
}

/** The principal a key acts as, in the shape stored in event metadata. */
export function toPrincipal({ role, keyId, cboId, donorId }: ApiKeyRecord): Principal {
  if (role === "cbo") return { role, keyId, cboId: cboId! };
  if (role === "donor") return { role, keyId, donorId: donorId! };
  return { role, keyId };
}

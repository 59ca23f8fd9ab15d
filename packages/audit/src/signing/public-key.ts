import { createPublicKey, type KeyObject } from "node:crypto";
import { keyIdOf, rawPublicKey } from "./key-id.js";
import type { SigningKey } from "./signing-key.js";

/** What /v1/audit/public-key serves: enough for any Ed25519 library to check a head. */
export interface PublicKeyExport {
  keyId: string;
  algorithm: "Ed25519";
  /** SubjectPublicKeyInfo PEM, as `openssl pkey -pubout` writes it. */
  publicKeyPem: string;
  /** The 32 raw key bytes of RFC 8032, lowercase hex. */
  publicKeyHex: string;
}

const publicOf = (key: SigningKey | KeyObject): KeyObject =>
  "publicKey" in key ? key.publicKey : key.type === "private" ? createPublicKey(key) : key;

export const publicKeyPem = (key: SigningKey | KeyObject): string =>
  publicOf(key).export({ type: "spki", format: "pem" }).toString();

export function exportPublicKey(key: SigningKey | KeyObject): PublicKeyExport {
  const publicKey = publicOf(key);
  return {
    keyId: keyIdOf(publicKey),
    algorithm: "Ed25519",
    publicKeyPem: publicKeyPem(publicKey),
    publicKeyHex: rawPublicKey(publicKey).toString("hex"),
  };
}

/** An Ed25519 public key from SPKI PEM. A private key is refused: auditors must never be handed one. */
export function parsePublicKey(pem: string | Buffer): KeyObject {
  const text = pem.toString();
  if (/PRIVATE KEY/.test(text)) throw new Error("this is a private key; pass the public key (openssl pkey -pubout)");
  let key: KeyObject;
  try {
    key = createPublicKey({ key: text, format: "pem" });
  } catch {
    throw new Error("not a PEM public key");
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error("the public key is not Ed25519");
  return key;
}

/** The keys a verifier trusts, by the key id their heads name. */
export function publicKeysById(keys: Iterable<KeyObject | string>): Map<string, KeyObject> {
  const byId = new Map<string, KeyObject>();
  for (const key of keys) {
    const publicKey = typeof key === "string" ? parsePublicKey(key) : publicOf(key);
    byId.set(keyIdOf(publicKey), publicKey);
  }
  return byId;
}

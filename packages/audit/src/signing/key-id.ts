import { createHash, createPublicKey, type KeyObject } from "node:crypto";

/** The 32 raw bytes of an Ed25519 public key (RFC 8032), as the key id and `publicKeyHex` use them. */
export function rawPublicKey(key: KeyObject): Buffer {
  // A private key is accepted so callers need not derive the public half first.
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const jwk = publicKey.export({ format: "jwk" });
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") {
    throw new TypeError("not an Ed25519 key");
  }
  return Buffer.from(jwk.x, "base64url");
}

/**
 * `ed25519-` and the first 16 hex digits of SHA-256 of the raw public key: derived, never chosen,
 * so a head names the key that signed it and nobody can give two keys the same id by accident.
 */
export const keyIdOf = (key: KeyObject): string =>
  `ed25519-${createHash("sha256").update(rawPublicKey(key)).digest("hex").slice(0, 16)}`;

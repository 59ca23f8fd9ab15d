// Bytes without Node's Buffer: this folder is bundled into the web pages, where only Uint8Array,
// atob/btoa and WebCrypto exist.

/** SHA-256 output length: every leaf hash, node hash, proof element and root is this long. */
export const HASH_SIZE = 32;

// RFC 6962 §2.1: the one-byte prefixes keep a leaf from ever being passed off as an inner node
// (second-preimage resistance), so both are part of the format, not an implementation detail.
export const LEAF_PREFIX = Uint8Array.of(0x00);
export const NODE_PREFIX = Uint8Array.of(0x01);

/** True for a Uint8Array (Buffer included) of exactly HASH_SIZE bytes. */
export const isHash = (value: unknown): value is Uint8Array =>
  value instanceof Uint8Array && value.length === HASH_SIZE;

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const HEX = /^(?:[0-9a-f]{2})*$/;

/** Lowercase hex to bytes; null for anything else (odd length, capitals, other characters). */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!HEX.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard, padded base64 to bytes; null for anything else, so each value has one spelling. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  const out = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  // Non-zero bits in the padding decode to the same bytes: refuse them by round-tripping.
  return toBase64(out) === text ? out : null;
}

export const toBase64 = (bytes: Uint8Array): string => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

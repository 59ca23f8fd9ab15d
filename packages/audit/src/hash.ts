import { createHash } from "node:crypto";

/** SHA-256 output length: every leaf hash, node hash, proof element and root is this long. */
export const HASH_SIZE = 32;

// RFC 6962 §2.1: the one-byte prefixes keep a leaf from ever being passed off as an inner node
// (second-preimage resistance), so both are part of the format, not an implementation detail.
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** SHA-256(0x00 ‖ bytes): the hash of one leaf's bytes. */
export function leafHash(bytes: Uint8Array): Buffer {
  return createHash("sha256").update(LEAF_PREFIX).update(bytes).digest();
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an inner node from its two children. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash("sha256").update(NODE_PREFIX).update(left).update(right).digest();
}

/** The Merkle Tree Hash of the empty tree: SHA-256 of the empty string. A fresh Buffer each call. */
export function emptyRoot(): Buffer {
  return createHash("sha256").digest();
}

/** True for a Uint8Array (Buffer included) of exactly HASH_SIZE bytes. */
export const isHash = (value: unknown): value is Uint8Array =>
  value instanceof Uint8Array && value.length === HASH_SIZE;

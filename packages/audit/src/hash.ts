import { createHash } from "node:crypto";

import { LEAF_PREFIX, NODE_PREFIX } from "./portable/bytes.js";

export { HASH_SIZE, isHash } from "./portable/bytes.js";

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

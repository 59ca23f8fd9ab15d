import { createHash, hash } from "node:crypto";

import { HASH_SIZE, LEAF_PREFIX, NODE_PREFIX } from "./portable/bytes.js";

export { HASH_SIZE, isHash } from "./portable/bytes.js";

/** SHA-256(0x00 ‖ bytes): the hash of one leaf's bytes. */
export function leafHash(bytes: Uint8Array): Buffer {
  return createHash("sha256").update(LEAF_PREFIX).update(bytes).digest();
}

/** SHA-256(0x00 ‖ UTF-8(text)): the hash of a leaf whose bytes are the UTF-8 of `text`. */
export function leafHashOfText(text: string): Buffer {
  // One-shot crypto.hash over one string: no Hash object, no Buffer of the bytes (NUL is 0x00 in UTF-8).
  return hash("sha256", `\u0000${text}`, "buffer");
}

// 0x01 ‖ left ‖ right, assembled in one buffer for the one-shot hash (a Hash object and three
// updates cost a third more per node). Synchronous use only, so one scratch buffer serves all.
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput.set(NODE_PREFIX, 0);

/** SHA-256(0x01 ‖ left ‖ right): the hash of an inner node from its two children. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return createHash("sha256").update(NODE_PREFIX).update(left).update(right).digest();
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return hash("sha256", nodeInput, "buffer");
}

/** The Merkle Tree Hash of the empty tree: SHA-256 of the empty string. A fresh Buffer each call. */
export function emptyRoot(): Buffer {
  return createHash("sha256").digest();
}

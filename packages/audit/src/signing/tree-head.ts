import { sign, verify, type KeyObject } from "node:crypto";
import { LedgerHeadSignedSchema, type LedgerHeadSigned } from "@relief-ledger/domain";
import { isSize } from "../bits.js";
import { isHash } from "../hash.js";
import { checkpointBody } from "./checkpoint.js";
import { keyIdOf } from "./key-id.js";
import type { SigningKey } from "./signing-key.js";

/** Names the format and version of the signed message: a signature for anything else is useless here. */
export const TREE_HEAD_CONTEXT = "relief-ledger/tree-head/v1";

export interface TreeHead {
  treeSize: number;
  /** 32 bytes, or their 64 lowercase hex digits. */
  rootHash: string | Uint8Array;
}

const HEX_HASH = /^[0-9a-f]{64}$/;

function rootHex(rootHash: string | Uint8Array): string {
  if (typeof rootHash === "string" && HEX_HASH.test(rootHash)) return rootHash;
  if (isHash(rootHash)) return Buffer.from(rootHash).toString("hex");
  throw new TypeError("rootHash must be 32 bytes or 64 lowercase hex digits");
}

/**
 * The exact bytes signed: UTF-8 of `relief-ledger/tree-head/v1`, LF, treeSize in decimal without
 * leading zeros, LF, rootHash in lowercase hex; no trailing newline. The context line keeps a
 * signature over a tree head from being valid for any other message the same key might sign.
 */
export function treeHeadMessage(head: TreeHead): Buffer {
  if (!isSize(head.treeSize)) throw new TypeError("treeSize must be a non-negative integer");
  return Buffer.from(`${TREE_HEAD_CONTEXT}\n${head.treeSize}\n${rootHex(head.rootHash)}`, "utf8");
}

/**
 * The bytes a head's signature covers: the C2SP checkpoint note text for a head with an origin,
 * the retired v1 message otherwise.
 */
export function signedMessage(head: TreeHead & { origin?: string | undefined }): Buffer {
  if (head.origin === undefined) return treeHeadMessage(head);
  return checkpointBody({ origin: head.origin, treeSize: head.treeSize, rootHash: rootHex(head.rootHash) });
}

/**
 * Signs a tree head: the data of a LedgerHeadSigned event. With an origin (the ledger's way since
 * leaf format 2) it is a C2SP checkpoint and the signature an Ed25519 note signature; without, the
 * retired v1 form, kept for tests of ledgers made before.
 */
export function signHead(head: TreeHead, key: SigningKey, origin?: string): LedgerHeadSigned {
  const rootHash = rootHex(head.rootHash);
  const fields = { treeSize: head.treeSize, rootHash, ...(origin !== undefined && { origin }) };
  const signature = sign(null, signedMessage(fields), key.privateKey);
  return {
    treeSize: head.treeSize,
    rootHash,
    keyId: key.keyId,
    signature: signature.toString("hex"),
    ...(origin !== undefined && { origin }),
  };
}

/**
 * True when `head` is a well-formed LedgerHeadSigned, names this public key and carries its valid
 * Ed25519 signature. Never throws: heads come from storage and from files.
 */
export function verifyHead(head: unknown, publicKey: KeyObject): boolean {
  const parsed = LedgerHeadSignedSchema.safeParse(head);
  if (!parsed.success) return false;
  try {
    if (keyIdOf(publicKey) !== parsed.data.keyId) return false;
    const signature = Buffer.from(parsed.data.signature, "hex");
    return verify(null, signedMessage(parsed.data), publicKey, signature);
  } catch {
    return false;
  }
}

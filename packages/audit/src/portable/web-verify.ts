import { concatBytes, LEAF_PREFIX, NODE_PREFIX, sameBytes, toHex, utf8 } from "./bytes.js";
import { checkpointLines, splitSignedNote, type CheckpointLines } from "./checkpoint-note.js";
import { LEAF_FORMAT, leafJson, type LeafEvent, type LeafFormat } from "./leaf-json.js";
import {
  consistencyWalk,
  inclusionWalk,
  runWalkAsync,
  type ConsistencyCheck,
  type InclusionCheck,
} from "./merkle-walk.js";

// The ledger's checks with WebCrypto alone (a browser, or Node's globalThis.crypto): what the web
// pages run so that an auditor trusts their own browser, not the server's verdict. Same formats
// and the same walks as the Node code; only the hash and signature primitives differ.

const subtle = () => globalThis.crypto.subtle;

export async function sha256(...parts: readonly Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest("SHA-256", concatBytes(...parts)));
}

const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(NODE_PREFIX, left, right);

/** SHA-256(0x00 ‖ UTF-8(canonical JSON)): the leaf hash of a ledger event in its leaf format. */
export const eventLeafHashWeb = (event: LeafEvent, format: LeafFormat = LEAF_FORMAT.v2): Promise<Uint8Array> =>
  sha256(LEAF_PREFIX, utf8(leafJson(event, format)));

export const verifyInclusionWeb = (input: InclusionCheck): Promise<boolean> =>
  runWalkAsync(inclusionWalk(input), nodeHash);

export const verifyConsistencyWeb = (input: ConsistencyCheck): Promise<boolean> =>
  runWalkAsync(consistencyWalk(input), nodeHash);

/** `ed25519-` and the first 16 hex digits of SHA-256 of the raw 32-byte key, as heads name it. */
export const keyIdOfRaw = async (rawKey: Uint8Array): Promise<string> =>
  `ed25519-${toHex(await sha256(rawKey)).slice(0, 16)}`;

/** Ed25519 note signature type (c2sp.org/signed-note). */
const ED25519_NOTE = 0x01;

/** A checkpoint whose operator signature this browser verified, with the fields it signs. */
export interface VerifiedCheckpoint extends CheckpointLines {
  keyId: string;
  /** 128 lowercase hex digits. */
  signature: string;
  /** The whole signed note as served, to keep and to download as evidence. */
  text: string;
}

export type CheckpointVerdict =
  | { ok: true; checkpoint: VerifiedCheckpoint }
  /** malformed: not a checkpoint; unsigned: no line by this key; forged: the line's signature fails. */
  | { ok: false; reason: "malformed" | "unsigned" | "forged" };

/**
 * Verifies a C2SP checkpoint against a raw Ed25519 public key: the signature line named by the
 * origin with this key's hash, and its Ed25519 signature over the note text. Never throws.
 */
export async function verifyCheckpointWeb(text: string, rawKey: Uint8Array): Promise<CheckpointVerdict> {
  const note = splitSignedNote(text);
  const fields = note === null ? null : checkpointLines(note.body);
  if (note === null || fields === null || rawKey.length !== 32) return { ok: false, reason: "malformed" };
  const keyHash = (await sha256(utf8(fields.origin), Uint8Array.of(0x0a, ED25519_NOTE), rawKey)).subarray(0, 4);
  const line = note.signatures.find((s) => s.name === fields.origin && sameBytes(s.keyId, keyHash));
  if (line === undefined) return { ok: false, reason: "unsigned" };
  if (line.signature.length !== 64) return { ok: false, reason: "forged" };
  let valid = false;
  try {
    const key = await subtle().importKey("raw", concatBytes(rawKey), { name: "Ed25519" }, false, ["verify"]);
    valid = await subtle().verify({ name: "Ed25519" }, key, concatBytes(line.signature), utf8(note.body));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "forged" };
  const checkpoint = { ...fields, keyId: await keyIdOfRaw(rawKey), signature: toHex(line.signature), text };
  return { ok: true, checkpoint };
}

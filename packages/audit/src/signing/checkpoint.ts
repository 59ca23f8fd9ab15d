import { createHash, verify, type KeyObject } from "node:crypto";
import { LogOriginSchema, type LedgerHeadSigned } from "@relief-ledger/domain";
import { isSize } from "../bits.js";
import { checkpointLines, splitSignedNote } from "../portable/checkpoint-note.js";
import { rawPublicKey } from "./key-id.js";

/**
 * C2SP signed notes and tlog-checkpoints (c2sp.org/signed-note, c2sp.org/tlog-checkpoint): the
 * text form of a head that transparency tooling and witnesses read.
 */

/** Signature type bytes of c2sp.org/signed-note: Ed25519 note signatures and tlog-cosignature/v1. */
export const NOTE_SIGNATURE_TYPE = { ed25519: 0x01, cosignatureV1: 0x04 } as const;

/** The default origin when LEDGER_LOG_ORIGIN is not set; a deployment should name its own. */
export const DEFAULT_LOG_ORIGIN = "relief-ledger.invalid/ledger";

export interface CheckpointFields {
  origin: string;
  treeSize: number;
  /** 64 lowercase hex digits. */
  rootHash: string;
}

/** The note text: `origin\ntreeSize\nbase64(root)\n`, final newline included; what is signed. */
export function checkpointBody({ origin, treeSize, rootHash }: CheckpointFields): Buffer {
  if (!LogOriginSchema.safeParse(origin).success) throw new TypeError("not a valid checkpoint origin");
  if (!isSize(treeSize)) throw new TypeError("treeSize must be a non-negative integer");
  if (!/^[0-9a-f]{64}$/.test(rootHash)) throw new TypeError("rootHash must be 64 lowercase hex digits");
  return Buffer.from(`${origin}\n${treeSize}\n${Buffer.from(rootHash, "hex").toString("base64")}\n`, "utf8");
}

/** SHA-256(name ‖ 0x0A ‖ type ‖ 32-byte public key)[:4]: the key id of a note signature line. */
export function noteKeyId(name: string, publicKey: KeyObject, type: number): Buffer {
  return createHash("sha256")
    .update(name, "utf8")
    .update(Uint8Array.of(0x0a, type))
    .update(rawPublicKey(publicKey))
    .digest()
    .subarray(0, 4);
}

/** `— name base64(keyId ‖ signature)\n`. */
export const signatureLine = (name: string, keyId: Buffer, signature: Buffer): string =>
  `\u2014 ${name} ${Buffer.concat([keyId, signature]).toString("base64")}\n`;

/**
 * The head as a signed checkpoint: its note text, a blank line, the log's own signature line
 * (key name = origin) and any further lines (cosignatures). Only for heads in checkpoint form.
 */
export function formatCheckpoint(head: LedgerHeadSigned, publicKey: KeyObject, extraLines: readonly string[] = []) {
  if (head.origin === undefined) throw new TypeError("a v1 head has no checkpoint form");
  const body = checkpointBody({ origin: head.origin, treeSize: head.treeSize, rootHash: head.rootHash });
  const own = signatureLine(
    head.origin,
    noteKeyId(head.origin, publicKey, NOTE_SIGNATURE_TYPE.ed25519),
    Buffer.from(head.signature, "hex"),
  );
  return `${body.toString("utf8")}\n${own}${extraLines.join("")}`;
}

export interface NoteSignature {
  name: string;
  keyId: Buffer;
  /** The bytes after the key id. */
  signature: Buffer;
  /** The whole line, newline included, to pass on unchanged. */
  line: string;
}

export interface SignedNote {
  /** The note text, final newline included. */
  body: string;
  signatures: NoteSignature[];
}

/** Splits a signed note into text and signature lines; null when it is not one. */
export function parseSignedNote(text: string): SignedNote | null {
  const note = splitSignedNote(text);
  if (note === null) return null;
  const signatures = note.signatures.map((s) => ({
    ...s,
    keyId: Buffer.from(s.keyId),
    signature: Buffer.from(s.signature),
  }));
  return { body: note.body, signatures };
}

/** The first three lines of a checkpoint's note text; null when malformed (extension lines are refused). */
export function parseCheckpointBody(body: string): CheckpointFields | null {
  const fields = checkpointLines(body);
  return fields !== null && LogOriginSchema.safeParse(fields.origin).success ? fields : null;
}

/**
 * The head a signed checkpoint carries, from the signature line of one of the operator's keys
 * (key name = origin, key hash as above); null when none of the keys signed it validly.
 */
export function headFromCheckpoint(
  text: string,
  operatorKeys: ReadonlyMap<string, KeyObject>,
): { head: LedgerHeadSigned; note: SignedNote } | null {
  const note = parseSignedNote(text);
  const fields = note === null ? null : parseCheckpointBody(note.body);
  if (note === null || fields === null) return null;
  for (const [keyId, publicKey] of operatorKeys) {
    const hash = noteKeyId(fields.origin, publicKey, NOTE_SIGNATURE_TYPE.ed25519);
    const line = note.signatures.find((s) => s.name === fields.origin && s.keyId.equals(hash));
    if (line === undefined || line.signature.length !== 64) continue;
    if (!verify(null, Buffer.from(note.body, "utf8"), publicKey, line.signature)) continue;
    const head = { ...fields, keyId, signature: line.signature.toString("hex") };
    return {
      head: { treeSize: head.treeSize, rootHash: head.rootHash, keyId, signature: head.signature, origin: head.origin },
      note,
    };
  }
  return null;
}

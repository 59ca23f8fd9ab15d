import { createHash, verify, type KeyObject } from "node:crypto";
import { LogOriginSchema, type LedgerHeadSigned } from "@relief-ledger/domain";
import { isSize } from "../bits.js";
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

const MAX_NOTE_BYTES = 64 * 1024;
const SIGNATURE_LINE = /^\u2014 ([^ \n]+) ([A-Za-z0-9+/]+={0,2})$/;

/** Splits a signed note into text and signature lines; null when it is not one. */
export function parseSignedNote(text: string): SignedNote | null {
  if (text.length > MAX_NOTE_BYTES || !text.endsWith("\n")) return null;
  // No control characters other than newline.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return null;
  }
  const split = text.lastIndexOf("\n\n");
  if (split < 0) return null;
  const body = text.slice(0, split + 1);
  const signatures: NoteSignature[] = [];
  for (const line of text.slice(split + 2, -1).split("\n")) {
    const match = SIGNATURE_LINE.exec(line);
    if (!match) return null;
    const bytes = Buffer.from(match[2]!, "base64");
    if (bytes.length < 5) return null;
    signatures.push({ name: match[1]!, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4), line: `${line}\n` });
  }
  return signatures.length === 0 ? null : { body, signatures };
}

/** The first three lines of a checkpoint's note text; null when malformed (extension lines are refused). */
export function parseCheckpointBody(body: string): CheckpointFields | null {
  const lines = body.split("\n");
  if (lines.length !== 4 || lines[3] !== "") return null;
  const [origin, size, root] = lines as [string, string, string];
  if (!LogOriginSchema.safeParse(origin).success || !/^(0|[1-9][0-9]{0,15})$/.test(size)) return null;
  const rootBytes = Buffer.from(root, "base64");
  if (rootBytes.length !== 32 || rootBytes.toString("base64") !== root) return null;
  const treeSize = Number(size);
  if (!isSize(treeSize)) return null;
  return { origin, treeSize, rootHash: rootBytes.toString("hex") };
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

import { isSize } from "../bits.js";
import { fromBase64, toHex } from "./bytes.js";

// The text of C2SP signed notes and tlog-checkpoints (c2sp.org/signed-note,
// c2sp.org/tlog-checkpoint), parsed without Node so the web pages read heads exactly as the CLI
// and the witness do. Signing and Node-side checks: signing/checkpoint.ts.

export interface NoteSignatureBytes {
  name: string;
  keyId: Uint8Array;
  /** The bytes after the key id. */
  signature: Uint8Array;
  /** The whole line, newline included, to pass on unchanged. */
  line: string;
}

export interface SignedNoteText {
  /** The note text, final newline included. */
  body: string;
  signatures: NoteSignatureBytes[];
}

/** A checkpoint's first three lines; the origin is only known to be one non-empty line here. */
export interface CheckpointLines {
  origin: string;
  treeSize: number;
  /** 64 lowercase hex digits. */
  rootHash: string;
}

export const MAX_NOTE_CHARS = 64 * 1024;
const SIGNATURE_LINE = /^\u2014 ([^ \n]+) ([A-Za-z0-9+/]+={0,2})$/;

/** Splits a signed note into text and signature lines; null when it is not one. */
export function splitSignedNote(text: string): SignedNoteText | null {
  if (typeof text !== "string" || text.length > MAX_NOTE_CHARS || !text.endsWith("\n")) return null;
  // No control characters other than newline.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return null;
  }
  const split = text.lastIndexOf("\n\n");
  if (split < 0) return null;
  const body = text.slice(0, split + 1);
  const signatures: NoteSignatureBytes[] = [];
  for (const line of text.slice(split + 2, -1).split("\n")) {
    const match = SIGNATURE_LINE.exec(line);
    const bytes = match ? fromBase64(match[2]!) : null;
    if (bytes === null || bytes.length < 5) return null;
    signatures.push({ name: match![1]!, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4), line: `${line}\n` });
  }
  return signatures.length === 0 ? null : { body, signatures };
}

/** The three lines of a checkpoint's note text; null when malformed (extension lines are refused). */
export function checkpointLines(body: string): CheckpointLines | null {
  const lines = body.split("\n");
  if (lines.length !== 4 || lines[3] !== "") return null;
  const [origin, size, root] = lines as [string, string, string];
  if (origin === "" || !/^(0|[1-9][0-9]{0,15})$/.test(size)) return null;
  const rootBytes = fromBase64(root);
  if (rootBytes === null || rootBytes.length !== 32) return null;
  const treeSize = Number(size);
  if (!isSize(treeSize)) return null;
  return { origin, treeSize, rootHash: toHex(rootBytes) };
}

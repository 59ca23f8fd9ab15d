import { createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { NOTE_SIGNATURE_TYPE, noteKeyId, signatureLine, type NoteSignature } from "../signing/checkpoint.js";
import { rawPublicKey } from "../signing/key-id.js";

/**
 * C2SP tlog-cosignature/v1 with Ed25519 (c2sp.org/tlog-cosignature): a witness's statement that, as
 * of `timestamp`, the checkpoint is the largest consistent tree head it has seen for the origin.
 */

/** What a witness is known by: its name (a schema-less URL) and its Ed25519 public key. */
export interface WitnessIdentity {
  name: string;
  publicKey: KeyObject;
}

/** `cosignature/v1\ntime <t>\n` followed by the checkpoint's note text. */
export const cosignatureMessage = (noteText: string, timestamp: number): Buffer =>
  Buffer.from(`cosignature/v1\ntime ${timestamp}\n${noteText}`, "utf8");

const u64 = (value: number): Buffer => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
};

/** The cosignature line: `— name base64(keyId ‖ u64 timestamp ‖ Ed25519 signature)`. */
export function cosign(noteText: string, name: string, privateKey: KeyObject, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError("timestamp must be POSIX seconds");
  const signature = sign(null, cosignatureMessage(noteText, timestamp), privateKey);
  const keyId = noteKeyId(name, createPublicKey(privateKey), NOTE_SIGNATURE_TYPE.cosignatureV1);
  return signatureLine(name, keyId, Buffer.concat([u64(timestamp), signature]));
}

/** The timestamp of a valid cosignature of `noteText` by this witness, or undefined. Never throws. */
export function verifyCosignature(noteText: string, line: NoteSignature, witness: WitnessIdentity): number | undefined {
  try {
    const keyId = noteKeyId(witness.name, witness.publicKey, NOTE_SIGNATURE_TYPE.cosignatureV1);
    if (line.name !== witness.name || !line.keyId.equals(keyId) || line.signature.length !== 72) return undefined;
    const timestamp = line.signature.readBigUInt64BE(0);
    if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    const ok = verify(
      null,
      cosignatureMessage(noteText, Number(timestamp)),
      witness.publicKey,
      line.signature.subarray(8),
    );
    return ok ? Number(timestamp) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A C2SP verifier key for the witness: `name+hex(keyId)+base64(0x04 ‖ public key)`. The one line a
 * witness hands to the ledger's admin and to auditors.
 */
export function witnessVkey({ name, publicKey }: WitnessIdentity): string {
  const keyId = noteKeyId(name, publicKey, NOTE_SIGNATURE_TYPE.cosignatureV1).toString("hex");
  const material = Buffer.concat([Uint8Array.of(NOTE_SIGNATURE_TYPE.cosignatureV1), rawPublicKey(publicKey)]);
  return `${name}+${keyId}+${material.toString("base64")}`;
}

/** Parses a witness vkey; throws a plain Error naming what is wrong (never quoting it). */
export function parseWitnessVkey(vkey: string): WitnessIdentity {
  // The base64 part may itself hold '+': the name and the id end at the first two.
  const match = /^([^+\s]+)\+([0-9a-fA-F]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(vkey.trim());
  if (match === null) throw new Error("a witness key is name+keyid+base64 (a C2SP vkey)");
  const [, name, keyIdHex, material] = match as unknown as [string, string, string, string];
  const bytes = Buffer.from(material, "base64");
  if (bytes.length !== 33 || bytes[0] !== NOTE_SIGNATURE_TYPE.cosignatureV1) {
    throw new Error("the witness key is not an Ed25519 tlog-cosignature/v1 key (type 0x04)");
  }
  const publicKey = createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: bytes.subarray(1).toString("base64url") },
    format: "jwk",
  });
  const identity = { name, publicKey };
  if (noteKeyId(name, publicKey, NOTE_SIGNATURE_TYPE.cosignatureV1).toString("hex") !== keyIdHex.toLowerCase()) {
    throw new Error("the witness key's id does not match its name and key");
  }
  return identity;
}

// @relief-ledger/audit/portable: the parts of the audit code that run in a browser — no node:
// imports, no Buffer, WebCrypto for hashes and signatures. The web pages bundle this; Node code
// imports the same walks, leaf format and note parsing through the package's main entry.
export { concatBytes, fromBase64, fromHex, HASH_SIZE, isHash, sameBytes, toBase64, toHex, utf8 } from "./bytes.js";
export {
  checkpointLines,
  splitSignedNote,
  type CheckpointLines,
  type NoteSignatureBytes,
  type SignedNoteText,
} from "./checkpoint-note.js";
export { LEAF_FORMAT, leafJson, type LeafEvent, type LeafFormat } from "./leaf-json.js";
export type { ConsistencyCheck, InclusionCheck, InclusionProofInput } from "./merkle-walk.js";
export {
  eventLeafHashWeb,
  keyIdOfRaw,
  sha256,
  verifyCheckpointWeb,
  verifyConsistencyWeb,
  verifyInclusionWeb,
  type CheckpointVerdict,
  type VerifiedCheckpoint,
} from "./web-verify.js";

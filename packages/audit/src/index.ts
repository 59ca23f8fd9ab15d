export { HASH_SIZE, emptyRoot, isHash, leafHash, nodeHash } from "./hash.js";
export {
  LEAF_FORMAT,
  canonicalJson,
  eventLeafHash,
  leafBytes,
  leafFormatAt,
  type LeafEvent,
  type LeafFormat,
} from "./leaf.js";
export { CompactRange, type CompactRangeState } from "./compact-range.js";
export { arraySource, type LeafHashSource } from "./leaf-source.js";
export { consistencyProof, inclusionProof, merkleRoot } from "./proofs.js";
export {
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyCheck,
  type InclusionCheck,
  type InclusionProofInput,
} from "./verify.js";

export { keyIdOf, rawPublicKey } from "./signing/key-id.js";
export {
  DEMO_SIGNING_KEY_FILE,
  generateSigningKeyPem,
  loadSigningKey,
  signingKeyFromPem,
  type SigningKey,
  type SigningKeySettings,
} from "./signing/signing-key.js";
export {
  TREE_HEAD_CONTEXT,
  signHead,
  signedMessage,
  treeHeadMessage,
  verifyHead,
  type TreeHead,
} from "./signing/tree-head.js";
export {
  DEFAULT_LOG_ORIGIN,
  NOTE_SIGNATURE_TYPE,
  checkpointBody,
  formatCheckpoint,
  headFromCheckpoint,
  noteKeyId,
  parseCheckpointBody,
  parseSignedNote,
  signatureLine,
  type CheckpointFields,
  type NoteSignature,
  type SignedNote,
} from "./signing/checkpoint.js";
export {
  exportPublicKey,
  parsePublicKey,
  publicKeyPem,
  publicKeysById,
  type PublicKeyExport,
} from "./signing/public-key.js";

export { openMerkleIndex } from "./merkle-index/merkle-index.js";
export type { MerkleIndexOptions } from "./merkle-index/open-connection.js";
export { MERKLE_INDEX_SCHEMA } from "./merkle-index/schema.js";
export { catchUpIndex, INDEX_CATCH_UP_PAGE, type CatchUpResult } from "./merkle-index/catch-up.js";
export type {
  IndexableEvent,
  InclusionProofResult,
  LeafRecord,
  MerkleIndex,
  MerkleIndexReader,
} from "./merkle-index/types.js";

export { legacyBelowOf, legacyLeafFormatBelow, readRecordedHeads, type RecordedHead } from "./heads/read-heads.js";
export { signNextHead, type SignNextHeadOptions, type SignNextHeadResult } from "./heads/sign-next-head.js";

export { verifyLedger } from "./verify-ledger/verify-ledger.js";
export type { Problem, ProblemKind, VerifyLedgerOptions, VerifyLedgerResult } from "./verify-ledger/types.js";

export {
  CONSISTENCY_BUNDLE_FORMAT,
  INCLUSION_BUNDLE_FORMAT,
  type ConsistencyBundle,
  type ProofBundle,
} from "./proof-file/format.js";
export { buildConsistencyBundle, buildProofBundle } from "./proof-file/build.js";
export { checkProofBundle, type ProofCheck } from "./proof-file/check-proof.js";
export { checkConsistencyBundle, type ConsistencyCheckResult } from "./proof-file/check-consistency.js";
export type { TrustedKeys } from "./proof-file/check-keys.js";
export {
  eventAtLeaf,
  proveConsistency,
  proveEvent,
  type ProveConsistencyOptions,
  type ProveEventOptions,
} from "./proof-file/prove-event.js";

export { openAuditLog, type AuditLog } from "./read-model/audit-log.js";
export { catchUpAuditLog } from "./read-model/catch-up.js";
export { AUDIT_TABLES_SCHEMA } from "./read-model/schema.js";
export type { SignedHeadRecord, SignedHeads } from "./read-model/signed-heads.js";
export type { SigningKeys } from "./read-model/signing-keys.js";

export {
  cosign,
  cosignatureMessage,
  parseWitnessVkey,
  verifyCosignature,
  witnessVkey,
  type WitnessIdentity,
} from "./witness/cosignature.js";
export { witnessRound, type WitnessOutcome, type WitnessRound } from "./witness/witness.js";

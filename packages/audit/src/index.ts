export { HASH_SIZE, emptyRoot, isHash, leafHash, nodeHash } from "./hash.js";
export { eventLeafHash, leafBytes, type LeafEvent } from "./leaf.js";
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

import { nodeHash } from "./hash.js";
import {
  consistencyWalk,
  inclusionRootWalk,
  inclusionWalk,
  runWalk,
  type ConsistencyCheck,
  type InclusionCheck,
  type InclusionProofInput,
} from "./portable/merkle-walk.js";

export type { ConsistencyCheck, InclusionCheck, InclusionProofInput };

// The walks (portable/merkle-walk.ts) are shared with the web pages' WebCrypto verifier; here
// they run with node:crypto's synchronous SHA-256.

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2, steps 1-4 and the final sn check), or
 * null when the proof cannot be a proof for that index and size at all.
 */
export function rootFromInclusionProof(input: InclusionProofInput): Buffer | null {
  const root = runWalk(inclusionRootWalk(input), nodeHash);
  return root === null ? null : Buffer.from(root);
}

/** RFC 9162 §2.1.3.2: does `proof` show the leaf hash at `leafIndex` in the tree with `root`? */
export const verifyInclusion = (input: InclusionCheck): boolean => runWalk(inclusionWalk(input), nodeHash);

/**
 * RFC 9162 §2.1.4.2: is the tree with `root2` an append-only extension of the tree with `root1`?
 * Outside the RFC's 0 < size1 < size2: equal sizes are consistent with an empty proof and equal
 * roots (whatever their length, as the transparency-dev vectors require), and size1 = 0 is always
 * rejected, since a consistency proof from the empty tree proves nothing.
 */
export const verifyConsistency = (input: ConsistencyCheck): boolean => runWalk(consistencyWalk(input), nodeHash);

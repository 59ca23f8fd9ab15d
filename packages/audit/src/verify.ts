import { half, isOdd, isPowerOfTwo, isSize } from "./bits.js";
import { isHash, nodeHash } from "./hash.js";

export interface InclusionProofInput {
  leafIndex: number;
  treeSize: number;
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
}

export interface InclusionCheck extends InclusionProofInput {
  root: Uint8Array;
}

export interface ConsistencyCheck {
  size1: number;
  size2: number;
  root1: Uint8Array;
  root2: Uint8Array;
  proof: readonly Uint8Array[];
}

// Inputs come from the network and from files, so every function here treats them as untrusted
// `unknown` at run time: a malformed proof is a failed proof, never an exception.
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const isHashList = (value: unknown): value is readonly Uint8Array[] => Array.isArray(value) && value.every(isHash);
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2, steps 1-4 and the final sn check), or
 * null when the proof cannot be a proof for that index and size at all.
 */
export function rootFromInclusionProof(input: InclusionProofInput): Buffer | null {
  if (!isRecord(input)) return null;
  const { leafIndex, treeSize, leafHash, proof } = input;
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return null;
  if (!isHash(leafHash) || !isHashList(proof)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // On the right border a node may have no right sibling: skip the levels it is promoted through.
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.3.2: does `proof` show the leaf hash at `leafIndex` in the tree with `root`? */
export function verifyInclusion(input: InclusionCheck): boolean {
  if (!isRecord(input) || !isHash(input.root)) return false;
  const computed = rootFromInclusionProof(input);
  return computed !== null && sameBytes(computed, input.root);
}

/**
 * RFC 9162 §2.1.4.2: is the tree with `root2` an append-only extension of the tree with `root1`?
 * Outside the RFC's 0 < size1 < size2: equal sizes are consistent with an empty proof and equal
 * roots (whatever their length, as the transparency-dev vectors require), and size1 = 0 is always
 * rejected, since a consistency proof from the empty tree proves nothing.
 */
export function verifyConsistency(input: ConsistencyCheck): boolean {
  if (!isRecord(input)) return false;
  const { size1, size2, root1, root2, proof } = input;
  if (!isSize(size1) || !isSize(size2) || size1 === 0 || size1 > size2 || !Array.isArray(proof)) return false;
  if (size1 === size2) {
    return proof.length === 0 && root1 instanceof Uint8Array && root2 instanceof Uint8Array && sameBytes(root1, root2);
  }
  if (!isHash(root1) || !isHash(root2) || !isHashList(proof) || proof.length === 0) return false;
  // When the old tree is a perfect subtree of the new one, the proof omits its root: the verifier has it.
  const [seed, ...rest] = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  if (seed === undefined) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr: Buffer = Buffer.from(seed);
  let sr: Buffer = Buffer.from(seed);
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && sameBytes(fr, root1) && sameBytes(sr, root2);
}

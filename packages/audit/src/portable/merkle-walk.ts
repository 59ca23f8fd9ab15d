import { half, isOdd, isPowerOfTwo, isSize } from "../bits.js";
import { isHash, sameBytes } from "./bytes.js";

// RFC 9162's two verification algorithms, written once as generators that yield each inner node
// they need hashed — `[left, right]` — and receive SHA-256(0x01 ‖ left ‖ right) back. Node's
// verifier (verify.ts) answers synchronously with node:crypto, the web pages asynchronously with
// WebCrypto; the walk itself, where the subtle index arithmetic lives, exists only here.

export type NodeHashRequest = readonly [left: Uint8Array, right: Uint8Array];
export type MerkleWalk<T> = Generator<NodeHashRequest, T, Uint8Array>;

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

// Inputs come from the network and from files, so they are untrusted `unknown` at run time: a
// malformed proof is a failed proof, never an exception.
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const isHashList = (value: unknown): value is Uint8Array[] => Array.isArray(value) && value.every(isHash);

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2, steps 1-4 and the final sn check), or
 * null when the proof cannot be a proof for that index and size at all.
 */
export function* inclusionRootWalk(input: InclusionProofInput): MerkleWalk<Uint8Array | null> {
  if (!isRecord(input)) return null;
  const { leafIndex, treeSize, leafHash, proof } = input;
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return null;
  if (!isHash(leafHash) || !isHashList(proof)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = yield [p, r];
      // On the right border a node may have no right sibling: skip the levels it is promoted through.
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = yield [r, p];
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.3.2: does `proof` show the leaf hash at `leafIndex` in the tree with `root`? */
export function* inclusionWalk(input: InclusionCheck): MerkleWalk<boolean> {
  if (!isRecord(input) || !isHash(input.root)) return false;
  const computed = yield* inclusionRootWalk(input);
  return computed !== null && sameBytes(computed, input.root);
}

/**
 * RFC 9162 §2.1.4.2: is the tree with `root2` an append-only extension of the tree with `root1`?
 * Outside the RFC's 0 < size1 < size2: equal sizes are consistent with an empty proof and equal
 * roots (whatever their length, as the transparency-dev vectors require), and size1 = 0 is always
 * rejected, since a consistency proof from the empty tree proves nothing.
 */
export function* consistencyWalk(input: ConsistencyCheck): MerkleWalk<boolean> {
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
  let fr: Uint8Array = seed;
  let sr: Uint8Array = seed;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = yield [c, fr];
      sr = yield [c, sr];
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = yield [sr, c];
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && sameBytes(fr, root1) && sameBytes(sr, root2);
}

/** Runs a walk with a synchronous node hash (node:crypto). */
export function runWalk<T>(walk: MerkleWalk<T>, nodeHash: (left: Uint8Array, right: Uint8Array) => Uint8Array): T {
  let step = walk.next();
  while (!step.done) step = walk.next(nodeHash(...step.value));
  return step.value;
}

/** Runs a walk with an asynchronous node hash (WebCrypto). */
export async function runWalkAsync<T>(
  walk: MerkleWalk<T>,
  nodeHash: (left: Uint8Array, right: Uint8Array) => Promise<Uint8Array>,
): Promise<T> {
  let step = walk.next();
  while (!step.done) step = walk.next(await nodeHash(...step.value));
  return step.value;
}

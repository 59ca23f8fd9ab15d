import { describe, expect, it } from "vitest";
import { leafHash, nodeHash } from "./hash.js";
import { arraySource } from "./leaf-source.js";
import { consistencyProof, inclusionProof, merkleRoot } from "./proofs.js";
import { flipByte, sampleLeaves } from "./testing/naive-mth.testkit.js";
import {
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyCheck,
  type InclusionCheck,
} from "./verify.js";

const MAX = 20;
const hashes = sampleLeaves(MAX).map(leafHash);
const source = arraySource(hashes);
const roots = Array.from({ length: MAX + 1 }, (_, n) => merkleRoot(source, n));
const root = (n: number): Buffer => roots[n] as Buffer;
const hash = (index: number): Buffer => hashes[index] as Buffer;

const inclusionCases: InclusionCheck[] = [];
for (let treeSize = 1; treeSize <= MAX; treeSize++) {
  for (let leafIndex = 0; leafIndex < treeSize; leafIndex++) {
    const proof = inclusionProof(source, leafIndex, treeSize);
    inclusionCases.push({ leafIndex, treeSize, leafHash: hash(leafIndex), proof, root: root(treeSize) });
  }
}

const consistencyCases: ConsistencyCheck[] = [];
for (let size2 = 1; size2 <= MAX; size2++) {
  for (let size1 = 1; size1 <= size2; size1++) {
    const proof = consistencyProof(source, size1, size2);
    consistencyCases.push({ size1, size2, root1: root(size1), root2: root(size2), proof });
  }
}

/** The proof once for each of its hashes, with one byte of that hash flipped. */
const eachHashFlipped = (proof: readonly Uint8Array[], at: number) =>
  proof.map((element, n) => proof.map((p, m) => (m === n ? flipByte(element, at) : p)));

describe("verifyInclusion", () => {
  it("accepts every generated proof for every leaf of every tree up to 20 leaves", () => {
    expect(inclusionCases).toHaveLength((MAX * (MAX + 1)) / 2);
    for (const check of inclusionCases) {
      expect(verifyInclusion(check), JSON.stringify([check.leafIndex, check.treeSize])).toBe(true);
      expect(rootFromInclusionProof(check)).toEqual(check.root);
    }
  });

  it("rejects each proof when one byte of any input hash is flipped", () => {
    for (const check of inclusionCases) {
      const at = check.leafIndex + check.treeSize;
      expect(verifyInclusion({ ...check, leafHash: flipByte(check.leafHash, at) })).toBe(false);
      expect(verifyInclusion({ ...check, root: flipByte(check.root, at) })).toBe(false);
      for (const proof of eachHashFlipped(check.proof, at)) expect(verifyInclusion({ ...check, proof })).toBe(false);
    }
  });

  // Not checked: the same proof under a larger treeSize. For some sizes it verifies against a
  // different tree that happens to share the root, which is inherent to RFC 6962 proofs; the size
  // is bound by the signed head, not by the proof.
  it("rejects a proof presented for another index, or with a hash added or removed", () => {
    for (const check of inclusionCases) {
      const { leafIndex, treeSize, proof } = check;
      if (treeSize > 1) {
        expect(verifyInclusion({ ...check, leafIndex: (leafIndex + 1) % treeSize })).toBe(false);
        expect(verifyInclusion({ ...check, proof: proof.slice(0, -1) })).toBe(false);
      }
      expect(verifyInclusion({ ...check, proof: [...proof, check.root] })).toBe(false);
      expect(verifyInclusion({ ...check, proof: [check.leafHash, ...proof] })).toBe(false);
    }
  });

  it("rejects a proof longer than the tree is tall, even when its extra hash leads to the given root", () => {
    for (const check of inclusionCases) {
      const extra = hash(0);
      const forgedRoot = nodeHash(extra, check.root);
      expect(verifyInclusion({ ...check, proof: [...check.proof, extra], root: forgedRoot })).toBe(false);
    }
  });

  it("returns false, never throws, on malformed input", () => {
    const good = inclusionCases[10] as InclusionCheck;
    const badProofs: unknown[] = [
      null,
      undefined,
      "proof",
      {},
      { ...good, leafIndex: -1 },
      { ...good, leafIndex: 0.5 },
      { ...good, leafIndex: Number.NaN },
      { ...good, leafIndex: 18446744073709552000 },
      { ...good, leafIndex: "1" },
      { ...good, treeSize: 0, leafIndex: 0 },
      { ...good, leafIndex: good.treeSize },
      { ...good, leafHash: good.leafHash.subarray(1) },
      { ...good, leafHash: Buffer.from(good.leafHash).toString("hex") },
      { ...good, proof: null },
      { ...good, proof: "abc" },
      { ...good, proof: good.proof.map((p) => Buffer.from(p).toString("base64")) },
      { ...good, proof: [...good.proof.slice(0, -1), new Uint8Array(31)] },
    ];
    const badRoots: unknown[] = [new Uint8Array(), good.root.subarray(1), null, Buffer.from(good.root).toString("hex")];
    expect(verifyInclusion(good)).toBe(true);
    for (const input of badProofs) {
      expect(verifyInclusion(input as InclusionCheck)).toBe(false);
      expect(rootFromInclusionProof(input as InclusionCheck)).toBeNull();
    }
    for (const root of badRoots) expect(verifyInclusion({ ...good, root } as InclusionCheck)).toBe(false);
  });
});

describe("verifyConsistency", () => {
  it("accepts every generated proof between every pair of sizes up to 20", () => {
    expect(consistencyCases).toHaveLength((MAX * (MAX + 1)) / 2);
    for (const check of consistencyCases) {
      expect(verifyConsistency(check), JSON.stringify([check.size1, check.size2])).toBe(true);
    }
  });

  it("rejects each proof when one byte of either root or any proof hash is flipped", () => {
    for (const check of consistencyCases) {
      const at = check.size1 * 3 + check.size2;
      expect(verifyConsistency({ ...check, root1: flipByte(check.root1, at) })).toBe(false);
      expect(verifyConsistency({ ...check, root2: flipByte(check.root2, at) })).toBe(false);
      for (const proof of eachHashFlipped(check.proof, at)) expect(verifyConsistency({ ...check, proof })).toBe(false);
    }
  });

  // As for inclusion, a larger size2 with the same root is not checked: it can describe another tree.
  it("rejects a proof presented with swapped roots, a smaller size1, or a hash added or removed", () => {
    for (const check of consistencyCases) {
      const { size1, size2, root1, root2, proof } = check;
      if (size1 === size2) continue;
      expect(verifyConsistency({ ...check, root1: root2, root2: root1 })).toBe(false);
      expect(verifyConsistency({ ...check, proof: proof.slice(0, -1) })).toBe(false);
      expect(verifyConsistency({ ...check, proof: [...proof, root2] })).toBe(false);
      expect(verifyConsistency({ ...check, proof: [root1, ...proof] })).toBe(false);
      if (size1 > 1) expect(verifyConsistency({ ...check, size1: size1 - 1 })).toBe(false);
      // A tree that grew cannot be proved consistent with one of a different prefix.
      expect(verifyConsistency({ ...check, root1: root(size1 - 1) })).toBe(false);
    }
  });

  it("rejects a proof longer than the tree is tall, even when its extra hash leads to the given root", () => {
    for (const check of consistencyCases) {
      if (check.size1 === check.size2) continue;
      const extra = hash(0);
      const forged = { ...check, proof: [...check.proof, extra], root2: nodeHash(extra, check.root2) };
      expect(verifyConsistency(forged)).toBe(false);
    }
  });

  it("treats equal sizes as consistent only with equal roots and an empty proof", () => {
    expect(verifyConsistency({ size1: 5, size2: 5, root1: root(5), root2: root(5), proof: [] })).toBe(true);
    expect(verifyConsistency({ size1: 5, size2: 5, root1: root(5), root2: root(4), proof: [] })).toBe(false);
    expect(verifyConsistency({ size1: 5, size2: 5, root1: root(5), root2: root(5), proof: [root(5)] })).toBe(false);
  });

  it("returns false, never throws, on malformed input", () => {
    const good = consistencyCases.find((check) => check.size1 === 3 && check.size2 === 7) as ConsistencyCheck;
    const bad: unknown[] = [
      null,
      undefined,
      42,
      {},
      { ...good, size1: 0, proof: [] },
      { ...good, size1: 0, root1: root(0) },
      { ...good, size1: 8 },
      { ...good, size1: -3 },
      { ...good, size2: 7.5 },
      { ...good, size2: Number.POSITIVE_INFINITY },
      { ...good, size2: "7" },
      { ...good, root1: good.root1.subarray(0, 31) },
      { ...good, root2: null },
      { ...good, proof: [] },
      { ...good, proof: null },
      { ...good, proof: [...good.proof.slice(1), "x"] },
      { ...good, proof: good.proof.map((p) => p.subarray(1)) },
      { size1: 4, size2: 4, root1: "same", root2: "same", proof: [] },
      { size1: 4, size2: 4, root1: root(4), root2: root(4), proof: "" },
    ];
    expect(verifyConsistency(good)).toBe(true);
    for (const input of bad) expect(verifyConsistency(input as ConsistencyCheck), String(input)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { leafHash } from "./hash.js";
import { arraySource, subtreeHash, type LeafHashSource } from "./leaf-source.js";
import { inclusionProof, merkleRoot } from "./proofs.js";
import { sampleLeaves } from "./testing/naive-mth.testkit.js";

const hashes = sampleLeaves(40).map(leafHash);
const memory = arraySource(hashes);

/** A source that keeps the perfect subtrees of 8 leaves and up, and counts the leaves it reads. */
function cachingSource(): LeafHashSource & { reads: number } {
  const source = {
    size: hashes.length,
    reads: 0,
    leafHash: (index: number) => {
      source.reads++;
      return memory.leafHash(index);
    },
    perfectSubtreeHash: (start: number, end: number) =>
      end - start >= 8 ? subtreeHash(memory, start, end) : undefined,
  };
  return source;
}

describe("a leaf source with stored subtrees", () => {
  it("gives the same roots and proofs while reading fewer leaves", () => {
    for (const size of [1, 7, 8, 9, 16, 33, 40]) {
      const source = cachingSource();
      expect(merkleRoot(source, size)).toEqual(merkleRoot(memory, size));
      expect(inclusionProof(source, size - 1, size)).toEqual(inclusionProof(memory, size - 1, size));
      if (size >= 16) expect(source.reads).toBeLessThan(size);
    }
  });

  it("is asked only for aligned perfect subtrees, and refuses a stored hash of the wrong length", () => {
    const asked: [number, number][] = [];
    const source: LeafHashSource = {
      ...memory,
      size: memory.size,
      perfectSubtreeHash: (start, end) => {
        asked.push([start, end]);
        return undefined;
      },
    };
    merkleRoot(source, 40);
    for (const [start, end] of asked) {
      const width = end - start;
      expect(Number.isInteger(Math.log2(width)) && width >= 2 && start % width === 0).toBe(true);
    }
    const broken: LeafHashSource = { ...source, perfectSubtreeHash: () => new Uint8Array(31) };
    expect(() => merkleRoot(broken, 40)).toThrow(TypeError);
  });
});

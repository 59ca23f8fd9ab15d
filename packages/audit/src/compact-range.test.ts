import { describe, expect, it } from "vitest";
import { CompactRange } from "./compact-range.js";
import { leafHash } from "./hash.js";
import { arraySource, subtreeHash } from "./leaf-source.js";
import { naiveMth, REFERENCE_LEAVES, REFERENCE_ROOTS, sampleLeaves } from "./testing/naive-mth.testkit.js";

const leaves = sampleLeaves(70);
const hashes = leaves.map(leafHash);

const rangeOf = (count: number): CompactRange => {
  const range = new CompactRange();
  for (const hash of hashes.slice(0, count)) range.append(hash);
  return range;
};

describe("CompactRange", () => {
  it("tells of every inner node an append completes, each the hash of its perfect subtree", () => {
    const range = new CompactRange();
    const seen: string[] = [];
    hashes.slice(0, 64).forEach((hash) =>
      range.append(hash, (level, index, node) => {
        expect(node).toEqual(subtreeHash(arraySource(hashes), index * 2 ** level, (index + 1) * 2 ** level));
        seen.push(`${level}:${index}`);
      }),
    );
    // A perfect tree of 64 leaves has 63 inner nodes, each completed exactly once.
    expect(new Set(seen).size).toBe(63);
    expect(seen.slice(0, 4)).toEqual(["1:0", "1:1", "2:0", "1:2"]);
    expect(seen.at(-1)).toBe("6:0");
  });

  it("starts empty, with the empty-tree root", () => {
    const range = new CompactRange();
    expect(range.size).toBe(0);
    expect(range.root().toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("matches the published RFC 6962 reference roots for sizes 1 to 8", () => {
    const range = new CompactRange();
    REFERENCE_LEAVES.forEach((leaf, i) => {
      range.append(leafHash(leaf));
      expect(range.root().toString("hex")).toBe(REFERENCE_ROOTS[i]);
    });
  });

  it("gives the Merkle Tree Hash of every prefix, checked against the naive definition", () => {
    const range = new CompactRange();
    for (let n = 0; n <= leaves.length; n++) {
      expect(range.size).toBe(n);
      expect(range.root()).toEqual(naiveMth(leaves.slice(0, n)));
      const next = hashes[n];
      if (next) range.append(next);
    }
  });

  it("keeps one hash per set bit of its size", () => {
    expect(rangeOf(0).toJSON().hashes).toHaveLength(0);
    expect(rangeOf(64).toJSON().hashes).toHaveLength(1);
    expect(rangeOf(63).toJSON().hashes).toHaveLength(6);
    expect(rangeOf(21).toJSON().hashes).toHaveLength(3);
  });

  it("resumes from its JSON exactly where it left off", () => {
    for (let cut = 0; cut <= 40; cut++) {
      const saved = JSON.parse(JSON.stringify(rangeOf(cut))) as unknown;
      const resumed = CompactRange.fromJSON(saved);
      expect(resumed.size).toBe(cut);
      for (const hash of hashes.slice(cut, 40)) resumed.append(hash);
      expect(resumed.root()).toEqual(naiveMth(leaves.slice(0, 40)));
      expect(resumed.toJSON()).toEqual(rangeOf(40).toJSON());
    }
  });

  it("refuses a persisted state that toJSON could not have produced", () => {
    const good = rangeOf(5).toJSON();
    const [first = "", second = ""] = good.hashes;
    const bad: unknown[] = [
      null,
      "state",
      { hashes: good.hashes },
      { size: -1, hashes: [] },
      { size: 1.5, hashes: [first] },
      { size: 5, hashes: [first] },
      { size: 5, hashes: [first, second, first] },
      { size: 5, hashes: [first, second.toUpperCase()] },
      { size: 5, hashes: [first, second.slice(2)] },
      { size: 5, hashes: [first, 7] },
      { size: 5, hashes: "nope" },
    ];
    for (const state of bad) expect(() => CompactRange.fromJSON(state), JSON.stringify(state)).toThrow(TypeError);
    expect(CompactRange.fromJSON(good).root()).toEqual(rangeOf(5).root());
  });

  it("refuses a leaf hash of the wrong length", () => {
    expect(() => new CompactRange().append(Buffer.alloc(31))).toThrow(TypeError);
  });

  it("does not alias the buffers it is given or hands out", () => {
    const range = new CompactRange();
    const leaf = Buffer.from(hashes[0] as Buffer);
    range.append(leaf);
    leaf.fill(0);
    range.root().fill(0);
    expect(range.root()).toEqual(naiveMth(leaves.slice(0, 1)));
  });
});

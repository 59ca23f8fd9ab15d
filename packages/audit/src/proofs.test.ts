import { describe, expect, it } from "vitest";
import { leafHash, nodeHash } from "./hash.js";
import { arraySource } from "./leaf-source.js";
import { consistencyProof, inclusionProof, merkleRoot } from "./proofs.js";
import { naiveMth, sampleLeaves } from "./testing/naive-mth.testkit.js";

const leaves = sampleLeaves(20);
const source = arraySource(leaves.map(leafHash));

// The seven-leaf tree drawn in RFC 6962 §2.1.3, with its node names.
const [a, b, c, d, e, f, j] = sampleLeaves(7).map(leafHash) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
const g = nodeHash(a, b);
const h = nodeHash(c, d);
const i = nodeHash(e, f);
const k = nodeHash(g, h);
const l = nodeHash(i, j);
const rfcTree = arraySource([a, b, c, d, e, f, j]);

describe("merkleRoot", () => {
  it("matches the naive Merkle Tree Hash for every size up to 20", () => {
    for (let n = 0; n <= leaves.length; n++) expect(merkleRoot(source, n)).toEqual(naiveMth(leaves.slice(0, n)));
  });

  it("refuses sizes the source does not have", () => {
    expect(() => merkleRoot(source, 21)).toThrow(RangeError);
    expect(() => merkleRoot(source, -1)).toThrow(RangeError);
  });
});

describe("inclusionProof", () => {
  it("gives the audit paths of the RFC 6962 §2.1.3 example", () => {
    expect(merkleRoot(rfcTree)).toEqual(nodeHash(k, l));
    expect(inclusionProof(rfcTree, 0)).toEqual([b, h, l]);
    expect(inclusionProof(rfcTree, 3)).toEqual([c, g, l]);
    expect(inclusionProof(rfcTree, 4)).toEqual([f, j, k]);
    expect(inclusionProof(rfcTree, 6)).toEqual([i, k]);
  });

  it("gives an empty path in a one-leaf tree", () => {
    expect(inclusionProof(source, 0, 1)).toEqual([]);
  });

  it("refuses an index outside the tree or a tree larger than the source", () => {
    expect(() => inclusionProof(source, 5, 5)).toThrow(RangeError);
    expect(() => inclusionProof(source, -1, 5)).toThrow(RangeError);
    expect(() => inclusionProof(source, 0, 21)).toThrow(RangeError);
    expect(() => inclusionProof(source, 0, 0)).toThrow(RangeError);
  });
});

describe("consistencyProof", () => {
  it("gives the proofs of the RFC 6962 §2.1.3 example", () => {
    expect(consistencyProof(rfcTree, 3)).toEqual([c, d, g, l]);
    expect(consistencyProof(rfcTree, 4)).toEqual([l]);
    expect(consistencyProof(rfcTree, 6)).toEqual([i, j, k]);
  });

  it("is empty between equal sizes", () => {
    expect(consistencyProof(source, 7, 7)).toEqual([]);
  });

  it("refuses the empty old tree and sizes out of order or beyond the source", () => {
    expect(() => consistencyProof(source, 0, 5)).toThrow(RangeError);
    expect(() => consistencyProof(source, 6, 5)).toThrow(RangeError);
    expect(() => consistencyProof(source, 1, 21)).toThrow(RangeError);
  });
});

it("refuses a source that hands back something other than a 32-byte hash", () => {
  const broken = { size: 4, leafHash: (index: number) => (index === 2 ? new Uint8Array(16) : new Uint8Array(32)) };
  expect(() => inclusionProof(broken, 0)).toThrow(TypeError);
  expect(() => merkleRoot(arraySource([]), 0)).not.toThrow();
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { emptyRoot, HASH_SIZE, isHash, leafHash, nodeHash } from "./hash.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("RFC 6962 hashing", () => {
  it("gives the empty tree the SHA-256 of the empty string", () => {
    expect(hex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("hands out a fresh empty root each time, so a caller cannot corrupt it", () => {
    const first = emptyRoot();
    first.fill(0);
    expect(hex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("prefixes a leaf with 0x00", () => {
    expect(hex(leafHash(new Uint8Array()))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    const data = Buffer.from("relief");
    expect(leafHash(data)).toEqual(
      createHash("sha256")
        .update(Buffer.from([0x00]))
        .update(data)
        .digest(),
    );
  });

  it("prefixes a node with 0x01, so a node never collides with a leaf of the same bytes", () => {
    const left = leafHash(Buffer.from("a"));
    const right = leafHash(Buffer.from("b"));
    const expected = createHash("sha256")
      .update(Buffer.from([0x01]))
      .update(left)
      .update(right)
      .digest();
    expect(nodeHash(left, right)).toEqual(expected);
    expect(nodeHash(left, right)).not.toEqual(leafHash(Buffer.concat([left, right])));
    expect(nodeHash(left, right)).not.toEqual(nodeHash(right, left));
  });

  it("recognises hashes by type and length", () => {
    expect(isHash(emptyRoot())).toBe(true);
    expect(isHash(new Uint8Array(HASH_SIZE))).toBe(true);
    expect(isHash(new Uint8Array(HASH_SIZE - 1))).toBe(false);
    expect(isHash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).toBe(false);
    expect(isHash(null)).toBe(false);
  });
});

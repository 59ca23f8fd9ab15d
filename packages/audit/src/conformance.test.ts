import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { verifyConsistencyWeb, verifyInclusionWeb } from "./portable/web-verify.js";
import { verifyConsistency, verifyInclusion } from "./verify.js";

// The vectors live in the repository (testdata/rfc6962, with their licence and NOTICE), so a clone
// alone runs them.
const vectorsDir = fileURLToPath(new URL("../testdata/rfc6962", import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return jsonFiles(path);
      return entry.isFile() && entry.name.endsWith(".json") ? [path] : [];
    })
    .sort();
}

const files = jsonFiles(vectorsDir).map((path) => relative(vectorsDir, path));

const decode = (value: unknown): Buffer => {
  if (typeof value !== "string") throw new TypeError(`expected a base64 string, got ${JSON.stringify(value)}`);
  return Buffer.from(value, "base64");
};
// The Go source of these vectors writes an absent proof as null.
const decodeProof = (value: unknown): Buffer[] => (value === null ? [] : (value as unknown[]).map(decode));

/** Runs one check through Node's verifier and the web pages' WebCrypto one, which must agree. */
async function agreed<Check>(node: (check: Check) => boolean, web: (check: Check) => Promise<boolean>, check: Check) {
  const verdict = node(check);
  expect(await web(check), "the WebCrypto verifier agrees").toBe(verdict);
  return verdict;
}

/** Runs one vector through the verifiers of its kind; the result is whether it verified. */
async function verifies(kind: string, vector: Record<string, unknown>): Promise<boolean> {
  // The vectors' sizes are numbers; their hashes and proofs base64.
  type Sizes = Record<"leafIdx" | "treeSize" | "size1" | "size2", number>;
  const { leafIdx: leafIndex, treeSize, size1, size2 } = vector as Sizes;
  const proof = decodeProof(vector.proof);
  if (kind === "inclusion") {
    const [leafHash, root] = [decode(vector.leafHash), decode(vector.root)];
    return agreed(verifyInclusion, verifyInclusionWeb, { leafIndex, treeSize, leafHash, proof, root });
  }
  if (kind === "consistency") {
    const [root1, root2] = [decode(vector.root1), decode(vector.root2)];
    return agreed(verifyConsistency, verifyConsistencyWeb, { size1, size2, root1, root2, proof });
  }
  throw new Error(`vector outside inclusion/ and consistency/: ${kind}`);
}

describe("RFC 6962 conformance vectors (transparency-dev/merkle)", () => {
  it("finds the vector set, of both kinds and both outcomes", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((file) => file.startsWith("inclusion"))).toBe(true);
    expect(files.some((file) => file.startsWith("consistency"))).toBe(true);
  });

  it.each(files)("%s", async (file) => {
    const vector = JSON.parse(readFileSync(join(vectorsDir, file), "utf8")) as Record<string, unknown>;
    expect(typeof vector.wantErr).toBe("boolean");
    const kind = file.split(/[\\/]/)[0] ?? "";
    expect(await verifies(kind, vector), String(vector.desc)).toBe(!vector.wantErr);
  });
});

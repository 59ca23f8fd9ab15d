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

/**
 * Runs one vector through the matching verifier, Node's and the web pages' WebCrypto one (which
 * must agree); the result is whether it verified.
 */
async function verifies(kind: string, vector: Record<string, unknown>): Promise<boolean> {
  if (kind === "inclusion") {
    const check = {
      leafIndex: vector.leafIdx as number,
      treeSize: vector.treeSize as number,
      leafHash: decode(vector.leafHash),
      proof: decodeProof(vector.proof),
      root: decode(vector.root),
    };
    const node = verifyInclusion(check);
    expect(await verifyInclusionWeb(check), "the WebCrypto verifier agrees").toBe(node);
    return node;
  }
  if (kind === "consistency") {
    const check = {
      size1: vector.size1 as number,
      size2: vector.size2 as number,
      root1: decode(vector.root1),
      root2: decode(vector.root2),
      proof: decodeProof(vector.proof),
    };
    const node = verifyConsistency(check);
    expect(await verifyConsistencyWeb(check), "the WebCrypto verifier agrees").toBe(node);
    return node;
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

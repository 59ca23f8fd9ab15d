import { describe, expect, it } from "vitest";
import { leafHash } from "../hash.js";
import { consistencyProof, inclusionProof, merkleRoot } from "../proofs.js";
import { arraySource } from "../leaf-source.js";
import { eventLeafHash, LEAF_FORMAT } from "../leaf.js";
import { formatCheckpoint } from "../signing/checkpoint.js";
import { exportPublicKey } from "../signing/public-key.js";
import { generateSigningKeyPem, signingKeyFromPem } from "../signing/signing-key.js";
import { signHead } from "../signing/tree-head.js";
import { fromHex, toHex } from "./bytes.js";
import {
  eventLeafHashWeb,
  keyIdOfRaw,
  verifyCheckpointWeb,
  verifyConsistencyWeb,
  verifyInclusionWeb,
} from "./web-verify.js";

// The WebCrypto verifier the web pages run, here under Node's own WebCrypto: given the README's
// worked example it reads the same checkpoint, and it agrees with the Node verifier on real trees.

const README_CHECKPOINT =
  "example.org/relief-ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n" +
  "\u2014 example.org/relief-ledger Iciqxd1ar9PhC1drShxC8MikKn6InD3PI2Kc41G1OGKaNtljPXz9XGODq9X6PQ4qA6RMU44gzC5C4fhRUxyWWeZy+QI=\n";
const README_KEY = fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")!;

const event = (i: number) => ({
  stream: `household-${i}`,
  revision: i % 3,
  type: "KitDistributed",
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  data: { kits: i, site: "École Nord", note: null },
  metadata: { principal: { role: "cbo", cboId: "cbo-1" }, schemaVersion: 1 },
  recordedAt: "2025-01-02T03:04:05.678Z",
});

describe("the web pages' WebCrypto verifier", () => {
  it("verifies the README's checkpoint with the README's key and names the key as heads do", async () => {
    const verdict = await verifyCheckpointWeb(README_CHECKPOINT, README_KEY);
    expect(verdict).toEqual({
      ok: true,
      checkpoint: {
        origin: "example.org/relief-ledger",
        treeSize: 8,
        rootHash: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        keyId: "ed25519-21fe31dfa154a261",
        signature:
          "dd5aafd3e10b576b4a1c42f0c8a42a7e889c3dcf23629ce351b538629a36d9633d7cfd5c6383abd5fa3d0e2a03a44c538e20cc2e42e1f851531c9659e672f902",
        text: README_CHECKPOINT,
      },
    });
    expect(await keyIdOfRaw(README_KEY)).toBe("ed25519-21fe31dfa154a261");
  });

  it("refuses a changed size or root, a flipped signature bit, another key and text that is no checkpoint", async () => {
    const other = fromHex(exportPublicKey(signingKeyFromPem(generateSigningKeyPem())).publicKeyHex)!;
    const sigLine = README_CHECKPOINT.split("\n\n")[1]!;
    const [prefix, b64] = [sigLine.slice(0, sigLine.lastIndexOf(" ") + 1), sigLine.slice(sigLine.lastIndexOf(" ") + 1)];
    const flipped = `${prefix}${b64.slice(0, 20)}${b64[20] === "A" ? "B" : "A"}${b64.slice(21)}`;
    const cases: [string, Uint8Array, string][] = [
      [README_CHECKPOINT.replace("\n8\n", "\n9\n"), README_KEY, "forged"],
      [README_CHECKPOINT.replace("Xcna", "Ycna"), README_KEY, "forged"],
      [`${README_CHECKPOINT.split("\n\n")[0]}\n\n${flipped}`, README_KEY, "forged"],
      [README_CHECKPOINT, other, "unsigned"],
      [
        README_CHECKPOINT.replace("\u2014 example.org/relief-ledger", "\u2014 example.org/other"),
        README_KEY,
        "unsigned",
      ],
      ["not a note", README_KEY, "malformed"],
      [README_CHECKPOINT.replace("\n8\n", "\n08\n"), README_KEY, "malformed"],
      [README_CHECKPOINT, README_KEY.subarray(1), "malformed"],
    ];
    for (const [text, key, reason] of cases)
      expect(await verifyCheckpointWeb(text, key), text).toEqual({ ok: false, reason });
  });

  it("reads a checkpoint the Node code signs, with a fresh key", async () => {
    const key = signingKeyFromPem(generateSigningKeyPem());
    const head = signHead({ treeSize: 41, rootHash: "ab".repeat(32) }, key, "ledger.example/relief");
    const verdict = await verifyCheckpointWeb(
      formatCheckpoint(head, key.publicKey),
      fromHex(exportPublicKey(key).publicKeyHex)!,
    );
    expect(verdict.ok && { ...verdict.checkpoint, text: undefined }).toEqual({ ...head, text: undefined });
  });

  it("hashes leaves of both formats byte for byte as the Node code does", async () => {
    for (const format of [LEAF_FORMAT.v1, LEAF_FORMAT.v2]) {
      expect(toHex(await eventLeafHashWeb(event(7), format))).toBe(eventLeafHash(event(7), format).toString("hex"));
    }
  });

  it("agrees with the Node verifier on every inclusion and consistency proof of trees up to 19 leaves", async () => {
    const leaves = Array.from({ length: 19 }, (_, i) => leafHash(Buffer.from([i])));
    const source = arraySource(leaves);
    for (let size = 1; size <= leaves.length; size++) {
      const root = merkleRoot(source, size);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(source, index, size);
        const check = { leafIndex: index, treeSize: size, leafHash: leaves[index]!, proof, root };
        expect(await verifyInclusionWeb(check)).toBe(true);
        expect(await verifyInclusionWeb({ ...check, leafHash: leaves[(index + 1) % size]! })).toBe(size === 1);
        if (proof.length > 0) {
          const tampered = proof.map((p, i) => (i === 0 ? Buffer.from(p.map((b) => b ^ 1)) : p));
          expect(await verifyInclusionWeb({ ...check, proof: tampered })).toBe(false);
        }
      }
      for (let from = 1; from < size; from++) {
        const proof = consistencyProof(source, from, size);
        const check = { size1: from, size2: size, root1: merkleRoot(source, from), root2: root, proof };
        expect(await verifyConsistencyWeb(check)).toBe(true);
        expect(await verifyConsistencyWeb({ ...check, root1: root })).toBe(false);
      }
    }
  });
});

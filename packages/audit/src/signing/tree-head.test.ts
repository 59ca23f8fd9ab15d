import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyIdOf, rawPublicKey } from "./key-id.js";
import { exportPublicKey, parsePublicKey, publicKeyPem, publicKeysById } from "./public-key.js";
import { generateSigningKeyPem, signingKeyFromPem } from "./signing-key.js";
import { formatCheckpoint } from "./checkpoint.js";
import { signHead, treeHeadMessage, verifyHead } from "./tree-head.js";

const key = signingKeyFromPem(generateSigningKeyPem());
const other = signingKeyFromPem(generateSigningKeyPem());
const ROOT = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
const head = signHead({ treeSize: 8, rootHash: ROOT }, key);

const flipHex = (hex: string, at: number): string =>
  hex.slice(0, at) + (hex[at] === "0" ? "1" : "0") + hex.slice(at + 1);

describe("signed tree heads", () => {
  it("sign the documented message and verify with the public key", () => {
    expect(treeHeadMessage({ treeSize: 8, rootHash: ROOT }).toString("utf8")).toBe(
      `relief-ledger/tree-head/v1\n8\n${ROOT}`,
    );
    expect(head).toEqual({ treeSize: 8, rootHash: ROOT, keyId: key.keyId, signature: expect.any(String) });
    expect(head.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifyHead(head, key.publicKey)).toBe(true);
    // An independent signer over the same bytes gives the same (deterministic) Ed25519 signature.
    const message = Buffer.from(`relief-ledger/tree-head/v1\n8\n${ROOT}`);
    expect(sign(null, message, key.privateKey).toString("hex")).toBe(head.signature);
  });

  it("take the root as bytes or hex alike", () => {
    expect(signHead({ treeSize: 8, rootHash: Buffer.from(ROOT, "hex") }, key)).toEqual(head);
    expect(() => signHead({ treeSize: 8, rootHash: ROOT.toUpperCase() }, key)).toThrow(TypeError);
    expect(() => signHead({ treeSize: -1, rootHash: ROOT }, key)).toThrow(TypeError);
  });

  it("reject a forged signature, a changed treeSize or rootHash, and another key", () => {
    for (let at = 0; at < 128; at += 13) {
      expect(verifyHead({ ...head, signature: flipHex(head.signature, at) }, key.publicKey)).toBe(false);
    }
    expect(verifyHead({ ...head, treeSize: 9 }, key.publicKey)).toBe(false);
    expect(verifyHead({ ...head, treeSize: 7 }, key.publicKey)).toBe(false);
    expect(verifyHead({ ...head, rootHash: flipHex(ROOT, 63) }, key.publicKey)).toBe(false);
    expect(verifyHead(head, other.publicKey)).toBe(false);
    // Signed by the other key but claiming this key's id, or the reverse.
    const forged = signHead({ treeSize: 8, rootHash: ROOT }, other);
    expect(verifyHead({ ...forged, keyId: key.keyId }, key.publicKey)).toBe(false);
    expect(verifyHead({ ...head, keyId: other.keyId }, other.publicKey)).toBe(false);
  });

  it("return false, never throw, on malformed heads", () => {
    const bad: unknown[] = [
      null,
      "head",
      {},
      { ...head, extra: 1 },
      { ...head, treeSize: "8" },
      { ...head, treeSize: 8.5 },
      { ...head, rootHash: ROOT.toUpperCase() },
      { ...head, signature: head.signature.slice(2) },
    ];
    for (const value of bad) expect(verifyHead(value, key.publicKey)).toBe(false);
  });
});

describe("the test vector in the README", () => {
  // RFC 8032 test 1's key: public, for tests only.
  const pem =
    "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n";
  const vectorKey = signingKeyFromPem(pem);

  it("gives the documented key id, public key and signature", () => {
    expect(exportPublicKey(vectorKey)).toEqual({
      keyId: "ed25519-21fe31dfa154a261",
      algorithm: "Ed25519",
      publicKeyPem:
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n",
      publicKeyHex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    });
    expect(signHead({ treeSize: 8, rootHash: ROOT }, vectorKey)).toEqual({
      treeSize: 8,
      rootHash: ROOT,
      keyId: "ed25519-21fe31dfa154a261",
      signature:
        "7d13fdc2532382871756069536f7c714d74c5974fdc4249ed9d4eb478630c8bd" +
        "05e5ea9209f3f5f0627ca512ec6f16a92a352f4e79d7c609d74c182f30ad5906",
    });
  });

  it("gives the documented checkpoint, byte for byte", () => {
    const head = signHead({ treeSize: 8, rootHash: ROOT }, vectorKey, "example.org/relief-ledger");
    expect(head.signature).toBe(
      "dd5aafd3e10b576b4a1c42f0c8a42a7e889c3dcf23629ce351b538629a36d963" +
        "3d7cfd5c6383abd5fa3d0e2a03a44c538e20cc2e42e1f851531c9659e672f902",
    );
    expect(formatCheckpoint(head, vectorKey.publicKey)).toBe(
      "example.org/relief-ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n" +
        "\u2014 example.org/relief-ledger Iciqxd1ar9PhC1drShxC8MikKn6InD3PI2Kc41G1OGKaNtljPXz9XGODq9X6PQ4qA6RMU44gzC5C4fhRUxyWWeZy+QI=\n",
    );
    expect(verifyHead(head, vectorKey.publicKey)).toBe(true);
    expect(verifyHead({ ...head, origin: "example.org/other" }, vectorKey.publicKey)).toBe(false);
    expect(verifyHead({ ...head, origin: undefined }, vectorKey.publicKey)).toBe(false);
  });
});

describe("key ids and public keys", () => {
  it("name the key by the SHA-256 of its 32 raw bytes", () => {
    const raw = rawPublicKey(key.publicKey);
    expect(raw).toHaveLength(32);
    expect(key.keyId).toBe(`ed25519-${createHash("sha256").update(raw).digest("hex").slice(0, 16)}`);
    expect(keyIdOf(key.privateKey)).toBe(key.keyId);
    expect(other.keyId).not.toBe(key.keyId);
  });

  it("export as SPKI PEM and raw hex, and parse back to the same key", () => {
    const exported = exportPublicKey(key);
    expect(exported).toMatchObject({ keyId: key.keyId, algorithm: "Ed25519" });
    expect(exported.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(exported.publicKeyHex).toBe(rawPublicKey(key.publicKey).toString("hex"));
    expect(publicKeyPem(key.privateKey)).toBe(exported.publicKeyPem);
    expect(verifyHead(head, parsePublicKey(exported.publicKeyPem))).toBe(true);
    expect([...publicKeysById([exported.publicKeyPem, other.publicKey]).keys()]).toEqual([key.keyId, other.keyId]);
  });

  it("refuse a private key, another algorithm, or garbage where a public key belongs", () => {
    expect(() => parsePublicKey(generateSigningKeyPem())).toThrow(/private key/);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" });
    expect(() => parsePublicKey(rsa)).toThrow(/not Ed25519/);
    expect(() => parsePublicKey("hello")).toThrow(/not a PEM public key/);
  });
});

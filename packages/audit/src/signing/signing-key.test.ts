import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSigningKeyPem, loadSigningKey, signingKeyFromPem } from "./signing-key.js";
import { signHead, verifyHead } from "./tree-head.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-signing-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = "00".repeat(32);

describe("loadSigningKey", () => {
  it("is required outside demo mode", () => {
    expect(() => loadSigningKey({ demo: false, dataDir: dir })).toThrow(/no signing key: set LEDGER_SIGNING_KEY/);
  });

  it("reads a PKCS#8 PEM Ed25519 key from the file LEDGER_SIGNING_KEY names", () => {
    const pem = generateSigningKeyPem();
    const file = join(dir, "operator.pem");
    writeFileSync(file, pem);
    const key = loadSigningKey({ keyFile: file, demo: true, dataDir: join(dir, "unused") });
    expect(key.keyId).toBe(signingKeyFromPem(pem).keyId);
    expect(verifyHead(signHead({ treeSize: 1, rootHash: ROOT }, key), key.publicKey)).toBe(true);
  });

  it("explains a missing file, a non-key, or a key of another algorithm, without quoting it", () => {
    expect(() => loadSigningKey({ keyFile: join(dir, "absent.pem"), demo: false, dataDir: dir })).toThrow(
      /cannot read the signing key file .*absent\.pem \(ENOENT\)/,
    );
    const garbage = join(dir, "garbage.pem");
    writeFileSync(garbage, "secret-looking-text");
    expect(() => loadSigningKey({ keyFile: garbage, demo: false, dataDir: dir })).toThrow(
      /^the signing key is not an unencrypted PKCS#8 PEM private key$/,
    );
    const rsa = join(dir, "rsa.pem");
    const pair = generateKeyPairSync("rsa", { modulusLength: 1024 });
    writeFileSync(rsa, pair.privateKey.export({ type: "pkcs8", format: "pem" }));
    expect(() => loadSigningKey({ keyFile: rsa, demo: false, dataDir: dir })).toThrow(/must be Ed25519, not rsa/);
  });

  it("in demo mode creates signing-key.pem once, owner-only, and reuses it", () => {
    const dataDir = join(dir, "demo", "nested");
    const first = loadSigningKey({ demo: true, dataDir });
    const file = join(dataDir, "signing-key.pem");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const again = loadSigningKey({ demo: true, dataDir });
    expect(again.keyId).toBe(first.keyId);
    expect(verifyHead(signHead({ treeSize: 3, rootHash: ROOT }, first), again.publicKey)).toBe(true);
  });

  it("never shows key material when serialized", () => {
    const pem = generateSigningKeyPem();
    const key = signingKeyFromPem(pem);
    const body = pem.split("\n")[1] ?? "";
    expect(JSON.stringify(key)).not.toContain(body);
    expect(JSON.stringify(key)).toContain(key.keyId);
  });
});

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { keyIdOf } from "./key-id.js";

/** An Ed25519 key pair that signs tree heads. The KeyObjects never serialize their key material. */
export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export interface SigningKeySettings {
  /** Path of a PKCS#8 PEM private key: LEDGER_SIGNING_KEY. */
  keyFile?: string | undefined;
  demo: boolean;
  dataDir: string;
}

export const DEMO_SIGNING_KEY_FILE = "signing-key.pem";

/** A fresh Ed25519 private key as PKCS#8 PEM (what `openssl genpkey -algorithm ed25519` writes). */
export const generateSigningKeyPem = (): string =>
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

export function signingKeyFromPem(pem: string | Buffer): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    // OpenSSL's message may quote the input, which is a secret.
    throw new Error("the signing key is not an unencrypted PKCS#8 PEM private key");
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(`the signing key must be Ed25519, not ${privateKey.asymmetricKeyType ?? "unknown"}`);
  }
  const publicKey = createPublicKey(privateKey);
  return Object.freeze({ keyId: keyIdOf(publicKey), privateKey, publicKey });
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new Error(`cannot read the signing key file ${file} (${code})`);
  }
}

// `wx` creates the file only if it is absent, so two processes starting at once keep one key.
function demoKeyPem(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DEMO_SIGNING_KEY_FILE);
  try {
    writeFileSync(file, generateSigningKeyPem(), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readKeyFile(file);
}

/**
 * The key that signs tree heads. Without one nothing may start signing: heads under a throwaway
 * key could never be checked again. Demo mode alone creates one and keeps it beside the data.
 */
export function loadSigningKey(settings: SigningKeySettings): SigningKey {
  if (settings.keyFile) return signingKeyFromPem(readKeyFile(settings.keyFile));
  if (settings.demo) return signingKeyFromPem(demoKeyPem(settings.dataDir));
  throw new Error(
    "no signing key: set LEDGER_SIGNING_KEY to the path of an Ed25519 private key in PKCS#8 PEM " +
      "(openssl genpkey -algorithm ed25519), or LEDGER_DEMO=1 for a demo",
  );
}

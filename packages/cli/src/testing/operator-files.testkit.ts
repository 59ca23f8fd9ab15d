import { writeFileSync } from "node:fs";
import { generateSigningKeyPem, publicKeyPem, signingKeyFromPem, type SigningKey } from "@relief-ledger/audit";
import { tempDirForFile } from "@relief-ledger/event-store/testing";

/**
 * The files an operator's audit commands work on, in a temp dir for one test file (removed after
 * its tests): the store, the Merkle index and the signing key pair's two files.
 */
export function operatorFiles(prefix: string) {
  const dir = tempDirForFile(prefix);
  const key = dir.file("signing-key.pem");
  const publicKey = dir.file("signing-key.pub.pem");
  return {
    path: dir.file,
    store: dir.file("events.db"),
    index: dir.file("merkle.db"),
    key,
    publicKey,
    /** Writes a signing key (a new one unless given) and its public key; returns the key. */
    writeSigningKey(pem: string = generateSigningKeyPem()): SigningKey {
      const signing = signingKeyFromPem(pem);
      writeFileSync(key, pem, { mode: 0o600 });
      writeFileSync(publicKey, publicKeyPem(signing));
      return signing;
    },
  };
}

import type { Database } from "better-sqlite3";
import { exportPublicKey, type PublicKeyExport } from "../signing/public-key.js";
import type { SigningKey } from "../signing/signing-key.js";
import type { SigningKeyRow } from "./schema.js";

export interface SigningKeys {
  /** Records the public half of the key now in use; the private half never reaches the table. */
  recordInUse(key: SigningKey, now?: Date): void;
  /** The key in use (the one recorded last), or the key of that id. */
  get(keyId?: string): PublicKeyExport | undefined;
}

const toExport = (row: SigningKeyRow): PublicKeyExport => ({
  keyId: row.key_id,
  algorithm: "Ed25519",
  publicKeyPem: row.public_key_pem,
  publicKeyHex: row.public_key_hex,
});

export function openSigningKeys(db: Database): SigningKeys {
  const upsert = db.prepare(
    `INSERT INTO signing_keys (key_id, public_key_pem, public_key_hex, recorded_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key_id) DO UPDATE SET recorded_at = excluded.recorded_at`,
  );
  const current = db.prepare<[], SigningKeyRow>("SELECT * FROM signing_keys ORDER BY recorded_at DESC LIMIT 1");
  const byId = db.prepare<[string], SigningKeyRow>("SELECT * FROM signing_keys WHERE key_id = ?");
  return {
    recordInUse(key, now = new Date()) {
      const { keyId, publicKeyPem, publicKeyHex } = exportPublicKey(key);
      upsert.run(keyId, publicKeyPem, publicKeyHex, now.toISOString());
    },
    get(keyId) {
      const row = keyId === undefined ? current.get() : byId.get(keyId);
      return row === undefined ? undefined : toExport(row);
    },
  };
}

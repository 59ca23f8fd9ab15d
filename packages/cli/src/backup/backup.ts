import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { backupSqliteEventStore } from "@relief-ledger/event-store";
import Database from "better-sqlite3";
import { z } from "zod";

/** What a backup directory holds besides its files; `ledger restore` checks every line of it. */
export const BackupManifestSchema = z.strictObject({
  format: z.literal("relief-ledger-backup/1"),
  createdAt: z.string(),
  store: z.strictObject({
    file: z.literal("events.db"),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    position: z.string().regex(/^\d+$/),
    events: z.int().min(0),
  }),
  apiKeys: z
    .strictObject({
      file: z.literal("api-keys.json"),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      keys: z.array(z.strictObject({ keyId: z.string(), role: z.string() })),
    })
    .nullable(),
  /** Ids of the pseudonym keys the events were made with: the secrets a restore needs. */
  pseudonymKeyIds: z.array(z.string()),
  /** Ids of the keys that signed heads, with their public halves where the read model had them. */
  signingKeys: z.array(z.strictObject({ keyId: z.string(), publicKeyFile: z.string().nullable() })),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

export const MANIFEST_FILE = "manifest.json";

export const sha256File = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Key ids only (never hashes): which keys existed, for the operator who restores. */
function apiKeyIds(file: string): { keyId: string; role: string }[] {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { keys?: { keyId: string; role: string }[] };
  return (parsed.keys ?? []).map(({ keyId, role }) => ({ keyId, role }));
}

/** Read from the copy, not the live store: which keys the backed-up events depend on. */
function keyIdsIn(storeCopy: string): { pseudonym: string[]; signing: string[] } {
  const db = new Database(storeCopy, { readonly: true, fileMustExist: true });
  try {
    const pseudonym = db
      .prepare<[], string>(
        `SELECT DISTINCT json_extract(ref.value, '$.keyId') FROM events, json_each(events.data, '$.beneficiaries') AS ref
         WHERE events.type = 'DistributionRecorded' ORDER BY 1`,
      )
      .pluck()
      .all();
    const signing = db
      .prepare<[], string>(
        "SELECT DISTINCT json_extract(data, '$.keyId') FROM events WHERE type = 'LedgerHeadSigned' ORDER BY 1",
      )
      .pluck()
      .all();
    return { pseudonym, signing };
  } finally {
    db.close();
  }
}

/** The public halves the projector recorded in the read model, when there is one. */
function publicKeysIn(readModelFile: string | undefined): Map<string, string> {
  if (readModelFile === undefined || !existsSync(readModelFile)) return new Map();
  const db = new Database(readModelFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[], { key_id: string; public_key_pem: string }>("SELECT key_id, public_key_pem FROM signing_keys")
      .all();
    return new Map(rows.map((row) => [row.key_id, row.public_key_pem]));
  } catch {
    return new Map(); // a read model without the audit tables: the ids alone go in the manifest
  } finally {
    db.close();
  }
}

export interface BackupOptions {
  storeFile: string;
  apiKeysFile: string;
  readModelFile?: string;
  out: string;
  now?: () => Date;
}

/**
 * An online backup: the event store through SQLite's backup API (consistent as of one commit, while
 * ingest keeps writing), the API keys file (hashes only) and the key ids and public keys an operator
 * needs to restore and audit it. Never the secrets, never the read models (they are rebuilt).
 */
export async function takeBackup(options: BackupOptions): Promise<BackupManifest> {
  if (existsSync(options.out) && readdirSync(options.out).length > 0) {
    throw new Error(`${options.out} is not empty: a backup goes into a new directory`);
  }
  mkdirSync(options.out, { recursive: true, mode: 0o700 });
  const storeCopy = join(options.out, "events.db");
  const snapshot = await backupSqliteEventStore(options.storeFile, storeCopy);
  chmodSync(storeCopy, 0o600);

  let apiKeys: BackupManifest["apiKeys"] = null;
  if (existsSync(options.apiKeysFile)) {
    const copy = join(options.out, "api-keys.json");
    copyFileSync(options.apiKeysFile, copy);
    chmodSync(copy, 0o600);
    apiKeys = { file: "api-keys.json", sha256: sha256File(copy), keys: apiKeyIds(copy) };
  }

  const keyIds = keyIdsIn(storeCopy);
  const publicKeys = publicKeysIn(options.readModelFile);
  const signingKeys = keyIds.signing.map((keyId) => {
    const pem = publicKeys.get(keyId);
    if (pem === undefined) return { keyId, publicKeyFile: null };
    mkdirSync(join(options.out, "signing-keys"), { recursive: true });
    const publicKeyFile = join("signing-keys", `${keyId}.pem`);
    writeFileSync(join(options.out, publicKeyFile), pem);
    return { keyId, publicKeyFile };
  });

  const manifest: BackupManifest = {
    format: "relief-ledger-backup/1",
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    store: {
      file: "events.db",
      sha256: sha256File(storeCopy),
      position: String(snapshot.position),
      events: snapshot.events,
    },
    apiKeys,
    pseudonymKeyIds: keyIds.pseudonym,
    signingKeys,
  };
  writeFileSync(join(options.out, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
  return manifest;
}

import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { checkSnapshot } from "@relief-ledger/event-store";
import { fsyncPath } from "@relief-ledger/event-store/durable-file";
import Database from "better-sqlite3";
import { BackupManifestSchema, MANIFEST_FILE, sha256File, type BackupManifest } from "./backup.js";

// Files a data directory in use holds; a restore never writes over any of them.
const LIVE_FILES = ["events.db", "read-models.db", "ingest-index.db", "api-keys.json"];

/** Reads a backup's manifest and checks the files against it, before anything is written. */
export function checkBackup(dir: string): BackupManifest {
  const manifestFile = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestFile))
    throw new Error(`no ${MANIFEST_FILE} in ${dir}: not a backup, or one that did not finish`);
  const parsed = BackupManifestSchema.safeParse(JSON.parse(readFileSync(manifestFile, "utf8")));
  if (!parsed.success) throw new Error(`${MANIFEST_FILE} is not a backup manifest this version can read`);
  const manifest = parsed.data;
  if (sha256File(join(dir, manifest.store.file)) !== manifest.store.sha256)
    throw new Error("the backup's events.db does not match its manifest (damaged or altered)");
  if (manifest.apiKeys && sha256File(join(dir, manifest.apiKeys.file)) !== manifest.apiKeys.sha256)
    throw new Error("the backup's api-keys.json does not match its manifest (damaged or altered)");
  return manifest;
}

/** Copies durably: a temporary name, fsync, then rename, so a crash leaves the old state or the new. */
function copyDurably(from: string, to: string): void {
  const temporary = `${to}.restore-tmp`;
  copyFileSync(from, temporary);
  fsyncPath(temporary);
  renameSync(temporary, to);
}

/**
 * Brings a backup back into `dataDir` (new or empty of ledger files): the event store and the API
 * keys file. The read models are not in a backup; the caller rebuilds them from the restored store.
 */
export function restoreBackup(backupDir: string, dataDir: string): BackupManifest {
  const manifest = checkBackup(backupDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const taken = LIVE_FILES.filter((file) => existsSync(join(dataDir, file)));
  if (taken.length > 0) throw new Error(`${dataDir} already holds ${taken.join(", ")}: restore into a new directory`);
  const storeFile = join(dataDir, "events.db");
  copyDurably(join(backupDir, manifest.store.file), storeFile);
  try {
    const restored = checkSnapshot(storeFile, { selfContained: true });
    if (String(restored.position) !== manifest.store.position || restored.events !== manifest.store.events)
      throw new Error("the restored store does not reach the position its manifest names");
    // Back to the store's own journal mode, so every process (read-only ones too) opens it as usual.
    const db = new Database(storeFile, { fileMustExist: true });
    db.pragma("journal_mode = WAL");
    db.close();
  } catch (error) {
    rmSync(storeFile, { force: true });
    throw error;
  }
  if (manifest.apiKeys) copyDurably(join(backupDir, manifest.apiKeys.file), join(dataDir, "api-keys.json"));
  return manifest;
}

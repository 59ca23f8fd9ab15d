import { join } from "node:path";
import type { Command } from "commander";
import { storeLocation } from "../audit/locations.js";
import { takeBackup } from "../backup/backup.js";
import { restoreBackup } from "../backup/restore.js";
import { count, refusedError, usageError, type Io } from "../io.js";
import { readModelFile } from "../reconciliation/counterpart.js";
import { defaultKeysFile } from "./keys-file.js";
import { rebuildReadModels } from "./projections.js";

interface BackupFlags {
  out: string;
  store?: string;
  keysFile?: string;
  readModel?: string;
}

const sqliteFileOf = (location: string): string => {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw usageError(
      "ledger backup copies the embedded SQLite store; back up an EventStoreDB/KurrentDB cluster with its own " +
        "backup procedure (docs/operations.md)",
    );
  }
  return location.replace(/^sqlite:/, "");
};

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function backup(flags: BackupFlags, io: Io): Promise<void> {
  const started = Date.now();
  const manifest = await takeBackup({
    storeFile: sqliteFileOf(storeLocation(flags.store, io.env)),
    apiKeysFile: flags.keysFile ?? defaultKeysFile(io.env),
    readModelFile: readModelFile(flags.readModel, io.env),
    out: flags.out,
  }).catch((error: Error) => {
    throw refusedError(error.message);
  });
  const unsaved = manifest.signingKeys.filter((key) => key.publicKeyFile === null).map((key) => key.keyId);
  io.stdout.write(
    `Backed up ${count(manifest.store.events)} events (the log up to position ${manifest.store.position}) into ${flags.out} in ${seconds(started)}.\n` +
      `API keys: ${manifest.apiKeys ? `${manifest.apiKeys.keys.length} (hashes only)` : "no keys file found"}. ` +
      `Pseudonym key ids: ${manifest.pseudonymKeyIds.join(", ") || "none yet"}. ` +
      `Signing key ids: ${manifest.signingKeys.map((key) => key.keyId).join(", ") || "none yet"}` +
      `${unsaved.length > 0 ? ` (no public key found for ${unsaved.join(", ")}: keep those yourself)` : ""}.\n` +
      "The backup holds no secret: keep the pseudonym key and the signing key safe, apart from it.\n",
  );
}

async function restore(backupDir: string, flags: { dataDir: string }, io: Io): Promise<void> {
  const started = Date.now();
  let manifest;
  try {
    manifest = restoreBackup(backupDir, flags.dataDir);
  } catch (error) {
    throw refusedError((error as Error).message);
  }
  const readModel = join(flags.dataDir, "read-models.db");
  const rebuilt = await rebuildReadModels(`sqlite:${join(flags.dataDir, "events.db")}`, readModel, io.stderr);
  io.stdout.write(
    `Restored ${count(manifest.store.events)} events (the log up to position ${manifest.store.position}, backed up ${manifest.createdAt}) into ${flags.dataDir}` +
      `${manifest.apiKeys ? " with its API keys file" : ""}, and rebuilt the read models (digest ${rebuilt.digest}) in ${seconds(started)}.\n` +
      `Start the services with LEDGER_DATA_DIR=${flags.dataDir} and the same secrets: ` +
      `pseudonym key id${manifest.pseudonymKeyIds.length === 1 ? "" : "s"} ${manifest.pseudonymKeyIds.join(", ") || "(none yet)"}` +
      `${manifest.signingKeys.length > 0 ? `, signing key ${manifest.signingKeys.at(-1)!.keyId}` : ""}.\n`,
  );
}

export function backupCommands(program: Command, io: Io): void {
  program
    .command("backup")
    .description("Copy the event store and the keys' metadata into a new directory while the ledger runs (operators)")
    .requiredOption("--out <dir>", "a new or empty directory for the backup")
    .option("--store <location>", "the SQLite event store (default: $LEDGER_STORE, else <data dir>/events.db)")
    .option("--keys-file <path>", "the API keys file (default: $LEDGER_API_KEYS_FILE, else <data dir>/api-keys.json)")
    .option(
      "--read-model <file>",
      "where the signing keys' public halves are found (default: $LEDGER_READ_MODEL_FILE, else <data dir>/read-models.db)",
    )
    .action((flags: BackupFlags) => backup(flags, io));
  program
    .command("restore <backup-dir>")
    .description("Bring a backup back into a new data directory and rebuild its read models (operators)")
    .requiredOption("--data-dir <dir>", "a new or empty data directory; a restore never writes over a ledger")
    .action((backupDir: string, flags: { dataDir: string }) => restore(backupDir, flags, io));
}

import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { apiKeysFileSchema, type ApiKeyRecord } from "./api-keys.js";

/** Reads LEDGER_API_KEYS_FILE: `{ "keys": [ …records holding only SHA-256 hashes… ] }`. */
export function readApiKeysFile(file: string): Map<string, ApiKeyRecord> {
  if (!existsSync(file)) return new Map();
  const parsed = apiKeysFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file} is not a valid API keys file: ${parsed.error.issues[0]?.message}`);
  return new Map(parsed.data.keys.map((record) => [record.keyId, record]));
}

/** Adds a key record; written to a temporary file and renamed so a crash never truncates the file. */
export function addToApiKeysFile(file: string, record: ApiKeyRecord): void {
  const keys = [...readApiKeysFile(file).values(), record];
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ keys }, null, 2) + "\n", { mode: 0o600 });
  renameSync(temporary, file);
}

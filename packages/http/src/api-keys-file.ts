import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { fsyncPath } from "@relief-ledger/event-store/durable-file";
import { dirname } from "node:path";
import lockfile from "proper-lockfile";
import { apiKeysFileSchema, type ApiKeyRecord } from "./api-keys.js";

/** The keys file cannot be used as it is: its message names the file and the rule, never its content. */
export class ApiKeysFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApiKeysFileError";
  }
}

/** Reads LEDGER_API_KEYS_FILE: `{ "keys": [ …records holding only SHA-256 hashes… ] }`; absent is empty. */
export function readApiKeysFile(file: string): Map<string, ApiKeyRecord> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return new Map();
    throw new ApiKeysFileError(`${file} cannot be read (${(error as { code?: string }).code ?? "unknown error"})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the fault; the file's name is enough.
    throw new ApiKeysFileError(`${file} is not valid JSON`);
  }
  const parsed = apiKeysFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
    throw new ApiKeysFileError(`${file} is not a valid API keys file${at}: ${issue.message}`);
  }
  const keys = new Map<string, ApiKeyRecord>();
  for (const record of parsed.data.keys) {
    if (keys.has(record.keyId)) throw new ApiKeysFileError(`${file} lists key ${record.keyId} twice`);
    keys.set(record.keyId, record);
  }
  return keys;
}

// A writer waits for another at most this long; a lock older than STALE_MS was left by a
// process that died holding it (the critical section takes milliseconds) and is taken over.
const WAIT_MS = 10_000;
const STALE_MS = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `fn` holding the keys file's lock (`<file>.lock`, a directory, via proper-lockfile), so
 * writers on this machine or a shared disk take turns and none overwrites another's change.
 */
export function withApiKeysFileLock<T>(file: string, fn: () => T): T {
  const deadline = Date.now() + WAIT_MS;
  let release: (() => void) | undefined;
  for (let pause = 5; release === undefined; pause = Math.min(pause * 2, 100)) {
    try {
      release = lockfile.lockSync(file, { realpath: false, stale: STALE_MS });
    } catch (error) {
      if ((error as { code?: string }).code !== "ELOCKED") throw error;
      if (Date.now() > deadline) {
        throw new ApiKeysFileError(`${file} is locked by another writer for over ${WAIT_MS / 1000}s; try again`);
      }
      Atomics.wait(sleeper, 0, 0, pause + Math.random() * pause);
    }
  }
  try {
    return fn();
  } finally {
    release();
  }
}

/** Replaces the file whole: a unique temporary file, synced, renamed over it, the directory synced. */
function writeWhole(file: string, keys: readonly ApiKeyRecord[]): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify({ keys }, null, 2) + "\n", { mode: 0o600 });
    fsyncPath(temporary);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
  fsyncPath(dirname(file));
}

/**
 * Reads, changes and writes the keys file under its lock; `change` gets the current records and
 * returns the new list. A damaged file is refused (ApiKeysFileError) and left as it is.
 */
export function updateApiKeysFile<T>(
  file: string,
  change: (keys: ApiKeyRecord[]) => { keys: ApiKeyRecord[]; result: T },
): T {
  return withApiKeysFileLock(file, () => {
    const { keys, result } = change([...readApiKeysFile(file).values()]);
    writeWhole(file, keys);
    return result;
  });
}

/** Adds a key record. */
export function addToApiKeysFile(file: string, record: ApiKeyRecord): void {
  updateApiKeysFile(file, (keys) => ({ keys: [...keys, record], result: undefined }));
}

/**
 * Revokes the keys `select` picks that are not revoked yet, at `now`; returns them. Revoked
 * records stay in the file (with `revokedAt`), so `keys list` shows what ended and when.
 */
export function revokeApiKeys(
  file: string,
  select: (record: ApiKeyRecord) => boolean,
  now = new Date(),
): ApiKeyRecord[] {
  return updateApiKeysFile(file, (keys) => {
    const revoked: ApiKeyRecord[] = [];
    const next = keys.map((record) => {
      if (!select(record) || record.revokedAt !== undefined) return record;
      const ended = { ...record, revokedAt: now.toISOString() };
      revoked.push(ended);
      return ended;
    });
    return { keys: next, result: revoked };
  });
}

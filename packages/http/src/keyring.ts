import { statSync } from "node:fs";
import { authenticate, type ApiKeyRecord, type Principal } from "./api-keys.js";
import { readApiKeysFile } from "./api-keys-file.js";
import { usageRecorder, type UsageRecorder } from "./key-usage.js";

/** Where a keyring reports a keys file it could not reload: the service's own log. */
export interface KeyringLog {
  error(details: object, message: string): void;
}

export interface Keyring {
  /** The principal a bearer token acts as now; undefined for an unknown, revoked or expired key. */
  authenticate(token: string): Principal | undefined;
  /** The current record of a key by its id (e.g. a witness key's verifier key); undefined if none. */
  record(keyId: string): ApiKeyRecord | undefined;
  /** Given the service's log by the auth plugin. */
  setLog?(log: KeyringLog): void;
  /** Writes what is pending (last-used notes); called when the service closes. */
  close?(): void;
}

export const staticKeyring = (records: ApiKeyRecord[]): Keyring => {
  const keys = new Map(records.map((record) => [record.keyId, record]));
  return { authenticate: (token) => authenticate(token, keys), record: (keyId) => keys.get(keyId) };
};

/** What identifies one version of the file: a `ledger keys` write renames a new file over it. */
interface FileVersion {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

const ABSENT: FileVersion = { ino: -1, size: -1, mtimeMs: -1, ctimeMs: -1 };

// One stat per authentication: a few microseconds, and no window in which a revoked key works.
const versionOf = (file: string): FileVersion => statSync(file, { throwIfNoEntry: false }) ?? ABSENT;

const sameVersion = (a: FileVersion, b: FileVersion): boolean =>
  a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

export interface FileKeyringOptions {
  /** The service's name: its last-used notes go to `<keys>.last-used.<service>.json`. Absent: none kept. */
  service?: string;
}

/**
 * The keys in LEDGER_API_KEYS_FILE, as they are now. Every authentication first checks (one
 * `stat`) whether the file changed and re-reads it if so, so a key `ledger keys revoke` ended is
 * refused from the next request on, by every running service, and a new key needs no restart.
 *
 * A file that cannot be read at start throws ApiKeysFileError: the service must not start without
 * knowing its keys. A file damaged later (a hand edit) keeps the last good set in force, is
 * logged once per version at error level, and is read again when it changes: refusing every
 * request would stop all CBOs' submissions for one operator's typo, while `ledger keys` itself
 * never writes a damaged file (it writes a whole new file and renames it over the old).
 */
export function fileKeyring(file: string, options: FileKeyringOptions = {}): Keyring {
  let keys = readApiKeysFile(file);
  let seen = versionOf(file);
  let log: KeyringLog | undefined;
  const usage: UsageRecorder | undefined = options.service ? usageRecorder(file, options.service) : undefined;

  const current = () => {
    const version = versionOf(file);
    if (sameVersion(version, seen)) return keys;
    seen = version;
    try {
      keys = readApiKeysFile(file);
    } catch (error) {
      log?.error(
        { keysFile: file, err: { name: (error as Error).name } },
        `${(error as Error).message}; the keys read before stay in force until the file is fixed`,
      );
    }
    return keys;
  };

  return {
    authenticate(token) {
      const principal = authenticate(token, current());
      if (principal) usage?.used(principal.keyId);
      return principal;
    },
    record: (keyId) => current().get(keyId),
    setLog(value) {
      log = value;
    },
    close: () => usage?.close(),
  };
}

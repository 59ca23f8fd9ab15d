import { statSync } from "node:fs";
import type { ApiKeyRecord } from "./api-keys.js";
import { readApiKeysFile } from "./api-keys-file.js";

export interface Keyring {
  keys(): ReadonlyMap<string, ApiKeyRecord>;
}

export const staticKeyring = (records: ApiKeyRecord[]): Keyring => {
  const keys = new Map(records.map((record) => [record.keyId, record]));
  return { keys: () => keys };
};

/** Re-reads the keys file when it changes, so `ledger keys create` needs no restart. */
export function fileKeyring(file: string, recheckMs = 1_000): Keyring {
  let keys = readApiKeysFile(file);
  let seenMtime = mtimeOf(file);
  let checkedAt = Date.now();
  return {
    keys() {
      if (Date.now() - checkedAt >= recheckMs) {
        checkedAt = Date.now();
        const mtime = mtimeOf(file);
        if (mtime !== seenMtime) {
          keys = readApiKeysFile(file);
          seenMtime = mtime;
        }
      }
      return keys;
    },
  };
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

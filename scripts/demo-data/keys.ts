import { addToApiKeysFile, createApiKey, keyIdOf, revokeApiKeys } from "@relief-ledger/http";
import type { LoadTarget } from "./load.js";
import type { Coalition } from "./types.js";

/**
 * Creates one cbo-role key per CBO in the service's keys file (only hashes are written) and
 * returns the tokens, which exist nowhere else: they are for this run only.
 */
export function createCboKeys(keysFile: string, cboIds: readonly string[], label = "demo-data"): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const cboId of cboIds) {
    const { token, record } = createApiKey({ role: "cbo", cboId, label });
    addToApiKeysFile(keysFile, record);
    tokens.set(cboId, token);
  }
  return tokens;
}

/** A loader's keys for a whole coalition: an admin key and one CBO key per CBO, in the keys file. */
export interface LoaderKeys {
  /** One of the CBO tokens, to wait for until the service has read the keys file (waitForKey). */
  anyCboToken: string;
  /** Where loadCoalition sends the coalition, with these keys. */
  targetAt(baseUrl: string): LoadTarget;
}

export function createLoaderKeys(keysFile: string, coalition: Coalition): LoaderKeys {
  const admin = createApiKey({ role: "admin" });
  addToApiKeysFile(keysFile, admin.record);
  const cboKeys = createCboKeys(
    keysFile,
    coalition.cbos.map((c) => c.registration.cboId),
  );
  return {
    anyCboToken: [...cboKeys.values()][0]!,
    targetAt: (baseUrl) => ({ baseUrl, adminKey: admin.token, keyFor: (cboId) => cboKeys.get(cboId)! }),
  };
}

/**
 * Revokes the keys these tokens belong to: a loader's keys are for its load only, and a token
 * left valid in a finished demo is one more secret to lose. Returns how many it revoked.
 */
export function revokeKeysOf(keysFile: string, tokens: Iterable<string>): number {
  const keyIds = new Set([...tokens].map(keyIdOf));
  return revokeApiKeys(keysFile, (record) => keyIds.has(record.keyId)).length;
}

// A void of an id no distribution has: with a known key it is refused as unknown (422) and stores
// nothing; with a key the service has not read yet it is a 401.
const PROBE = "/v1/distributions/00000000-0000-4000-8000-000000000000/void";

/**
 * Waits until the service accepts `token`. A service re-reads its keys file when it changes, so
 * this returns at once; it also covers a service still starting, or one that reads another file.
 */
export async function waitForKey(baseUrl: string, token: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseUrl.replace(/\/+$/, "")}${PROBE}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "key check by the demo-data loader" }),
    }).catch(() => undefined);
    if (response && response.status !== 401 && response.status !== 429 && response.status < 500) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the service at ${baseUrl} did not accept the new CBO keys within ${timeoutMs / 1000}s: ` +
          "is --keys-file the file the service reads (LEDGER_API_KEYS_FILE)?",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

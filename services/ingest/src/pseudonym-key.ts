import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MIN_PSEUDONYM_KEY_BYTES, createPseudonymizer, type Pseudonymizer } from "@relief-ledger/domain";

export interface PseudonymKeySettings {
  key?: string;
  keyFile?: string;
  keyId?: string;
  demo: boolean;
  dataDir: string;
}

const decodeKey = (text: string): Buffer => {
  const trimmed = text.trim();
  return /^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed, "base64");
};

/**
 * The HMAC key behind every pseudonym: from LEDGER_PSEUDONYM_KEY or a key file. Without one the
 * service will not start, because pseudonyms made with a throwaway key could never be linked
 * again; demo mode alone creates a key and keeps it beside the data.
 */
export function loadPseudonymizer(settings: PseudonymKeySettings): Pseudonymizer {
  let text = settings.key ?? (settings.keyFile ? readFileSync(settings.keyFile, "utf8") : undefined);
  if (text === undefined && settings.demo) {
    const demoFile = join(settings.dataDir, "pseudonym.key");
    if (!existsSync(demoFile)) writeFileSync(demoFile, randomBytes(32).toString("hex") + "\n", { mode: 0o600 });
    text = readFileSync(demoFile, "utf8");
  }
  if (text === undefined) {
    throw new Error(
      "no pseudonym key: set LEDGER_PSEUDONYM_KEY or LEDGER_PSEUDONYM_KEY_FILE (or LEDGER_DEMO=1 for a demo)",
    );
  }
  const key = decodeKey(text);
  if (key.byteLength < MIN_PSEUDONYM_KEY_BYTES)
    throw new Error(`the pseudonym key must be at least ${MIN_PSEUDONYM_KEY_BYTES} bytes`);
  // The default id names the key without revealing it, so a rotation shows in every event.
  const keyId = settings.keyId ?? `key-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;
  return createPseudonymizer({ keyId, key });
}

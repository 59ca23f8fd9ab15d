import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { withApiKeysFileLock } from "./api-keys-file.js";

/**
 * When each key was last used, recorded coarsely and in batches, never with a write per request:
 * a service notes the hour (UTC) a key was last used in memory and writes its notes at most once
 * a minute, and only when an hour moved, to its own file beside the keys file
 * (`api-keys.last-used.<service>.json`). The keys file itself is only ever written by
 * `ledger keys`. An hour is enough to tell a key in use from a forgotten one, and says little
 * about when its holder works.
 */
export const LAST_USED_RESOLUTION_MS = 60 * 60_000;
export const LAST_USED_FLUSH_MS = 60_000;

const UsageFileSchema = z.strictObject({ lastUsed: z.record(z.string(), z.iso.datetime({ offset: false })) });

const stem = (keysFile: string) => basename(keysFile).replace(/\.json$/, "");

export const lastUsedFile = (keysFile: string, service: string): string =>
  join(dirname(keysFile), `${stem(keysFile)}.last-used.${service}.json`);

function readUsageFile(file: string): Map<string, string> {
  try {
    const parsed = UsageFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    return parsed.success ? new Map(Object.entries(parsed.data.lastUsed)) : new Map<string, string>();
  } catch {
    // Absent or damaged: last-used notes are a convenience, never a reason to refuse a request.
    return new Map();
  }
}

const later = (a: string | undefined, b: string): string => (a !== undefined && a > b ? a : b);

/** When each key was last used, by any service that keeps notes beside this keys file. */
export function readLastUsed(keysFile: string): Map<string, string> {
  const prefix = `${stem(keysFile)}.last-used.`;
  const merged = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(dirname(keysFile));
  } catch {
    return merged;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".json")) continue;
    for (const [keyId, at] of readUsageFile(join(dirname(keysFile), name)))
      merged.set(keyId, later(merged.get(keyId), at));
  }
  return merged;
}

export interface UsageRecorder {
  /** Notes that a key was used now: memory only. */
  used(keyId: string, now?: number): void;
  /** Writes the notes if an hour moved since the last write. */
  flush(): void;
  close(): void;
}

/** A service's recorder; it flushes by itself every LAST_USED_FLUSH_MS (unref'd) and on close. */
export function usageRecorder(keysFile: string, service: string, flushMs = LAST_USED_FLUSH_MS): UsageRecorder {
  const file = lastUsedFile(keysFile, service);
  // The hour each key was last used, as ms since the epoch: compared on every request, so no string.
  const notes = new Map<string, number>();
  let dirty = false;
  const flush = () => {
    if (!dirty) return;
    dirty = false;
    try {
      // Under the keys file's lock: two processes of one service merge their notes, never lose one.
      withApiKeysFileLock(keysFile, () => {
        const merged = readUsageFile(file);
        for (const [keyId, hour] of notes) merged.set(keyId, later(merged.get(keyId), new Date(hour).toISOString()));
        const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
        try {
          const text = JSON.stringify({ lastUsed: Object.fromEntries(merged) }, null, 2) + "\n";
          writeFileSync(temporary, text, { mode: 0o600 });
          renameSync(temporary, file);
        } finally {
          rmSync(temporary, { force: true });
        }
      });
    } catch {
      dirty = true; // try again at the next flush
    }
  };
  const timer = setInterval(flush, flushMs);
  timer.unref();
  return {
    used(keyId, now = Date.now()) {
      const hour = now - (now % LAST_USED_RESOLUTION_MS);
      if (notes.get(keyId) === hour) return;
      notes.set(keyId, hour);
      dirty = true;
    },
    flush,
    close() {
      clearInterval(timer);
      flush();
    },
  };
}

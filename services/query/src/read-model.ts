import { statSync } from "node:fs";
import type { Database } from "better-sqlite3";
import { openReadModel } from "@relief-ledger/projections";
import { HttpError } from "@relief-ledger/http";

export interface ReadModel {
  /** The current read-model database; 503 until the projector has created it. */
  db(): Database;
  close(): void;
}

/**
 * A read-only handle that follows the file: `ledger projections rebuild` swaps a fresh file in
 * by rename, so when the inode changes the handle reopens.
 */
export function followReadModel(file: string, recheckMs = 1_000): ReadModel {
  let db: Database | undefined;
  let inode: number | undefined;
  let checkedAt = 0;
  const current = () => {
    try {
      return statSync(file).ino;
    } catch {
      return undefined;
    }
  };
  return {
    db() {
      if (!db || Date.now() - checkedAt >= recheckMs) {
        checkedAt = Date.now();
        const now = current();
        if (now === undefined) throw new HttpError(503, "not_ready", "the projector has not built the read models yet");
        if (now !== inode) {
          db?.close();
          db = openReadModel(file);
          inode = now;
        }
      }
      return db!;
    },
    close: () => db?.close(),
  };
}

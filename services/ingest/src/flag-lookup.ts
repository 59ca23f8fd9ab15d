import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import type { FlagLookup } from "@relief-ledger/domain";

/**
 * The flags as the projector last wrote them, read from its read model: the write side does not
 * derive flags itself (persons across documents, windows, the policy in force), so a CBO's note is
 * decided against what the read side shows (decision 0035). The file is opened read-only for each
 * lookup and closed again: notes are rare, and a rebuilt read model that replaced the file is read
 * at once. Until the projector has written it, no flag is known and a note is refused as naming none.
 */
export function readModelFlags(readModelFile: string): FlagLookup {
  return {
    flag(flagId) {
      if (!existsSync(readModelFile)) return undefined;
      const db = new Database(readModelFile, { readonly: true, fileMustExist: true });
      try {
        const row = db
          .prepare<[string], { cbo_ids: string }>("SELECT cbo_ids FROM flags WHERE flag_id = ?")
          .get(flagId);
        return row && { cboIds: JSON.parse(row.cbo_ids) as string[] };
      } catch (error) {
        // A read model the projector has created but not yet given its tables holds no flag.
        if (error instanceof Error && /no such table/.test(error.message)) return undefined;
        throw error;
      } finally {
        db.close();
      }
    },
  };
}

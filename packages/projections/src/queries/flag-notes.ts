import type { Database } from "better-sqlite3";
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from "./page.js";
import { preparedPer } from "./prepared.js";

/** A CBO's note to the auditors on a flag, as recorded. */
export interface FlagNote {
  cboId: string;
  note: string;
  /** When the ledger recorded it (ISO 8601 UTC). */
  notedAt: string;
}

// Positions are decimal text: ordered by length, then text, they are in numeric (log) order.
const queries = preparedPer((db) => ({
  notes: db.prepare<
    [{ flagId: string; cboId: string | null; after: string; limit: number }],
    FlagNote & { position: string }
  >(
    `SELECT position, cbo_id AS cboId, note, noted_at AS notedAt FROM flag_notes
     WHERE flag_id = @flagId AND (@cboId IS NULL OR cbo_id = @cboId)
       AND (length(position), position) > (length(@after), @after)
     ORDER BY length(position), position LIMIT @limit`,
  ),
}));

/**
 * One page of the notes on a flag, oldest first: every CBO's, or only `cboId`'s (a CBO reads its
 * own notes, decision 0035). Kept whether or not the flag exists now, as its resolution is.
 */
export function flagNotes(
  db: Database,
  flagId: string,
  options: { cboId?: string } & PageRequest = {},
): Page<FlagNote> {
  const limit = pageLimit(options.limit);
  const [after] = options.cursor === undefined ? [""] : decodeCursor(options.cursor, 1);
  const rows = queries(db).notes.all({ flagId, cboId: options.cboId ?? null, after: after!, limit: limit + 1 });
  return toPage(
    rows,
    limit,
    ({ cboId, note, notedAt }) => ({ cboId, note, notedAt }),
    (row) => [row.position],
  );
}

import type { Database } from "better-sqlite3";
import { LeafWriter } from "./leaf-store.js";
import { ROW_PER_LEAF_TABLE } from "./schema.js";
import type { IndexStatements } from "./statements.js";

interface LeafRow {
  leaf_index: number;
  position: string;
  event_id: string;
  leaf_hash: Buffer;
}

/** Whether the file holds an index in the layout of before decisions/0042: a row per leaf. */
export const hasRowPerLeafLayout = (db: Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(ROW_PER_LEAF_TABLE) !== undefined;

export const rowPerLeafMessage = (name: string) =>
  `the Merkle index in ${name} has the row-per-leaf layout of earlier versions: open it once for writing ` +
  "(run `ledger index`, or start the projector) and it is converted to blocks of leaves";

/**
 * Converts an index in the row-per-leaf layout to blocks, in the caller's transaction: the leaf
 * hashes, positions and ids move over unchanged, so the state, the stored subtrees, every root
 * and every proof stay as they were; the old table and its indexes are dropped. Returns how many
 * leaves moved. A leaf table with a gap is refused as damaged, as before.
 */
export function convertRowPerLeaf(db: Database, statements: IndexStatements): number {
  const page = db.prepare<[number, number], LeafRow>(
    `SELECT leaf_index, position, event_id, leaf_hash FROM ${ROW_PER_LEAF_TABLE}
     WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?`,
  );
  const writer = new LeafWriter(statements, 0);
  const PAGE = 4_096;
  let moved = 0;
  for (;;) {
    const rows = page.all(moved, PAGE);
    for (const row of rows) {
      if (row.leaf_index !== moved)
        throw new Error(`the Merkle index in ${db.name} is damaged: leaf ${moved} is missing`);
      writer.push(row.leaf_hash, row.position, row.event_id);
      moved++;
    }
    if (rows.length < PAGE) break;
  }
  writer.flush();
  db.exec(`DROP TABLE ${ROW_PER_LEAF_TABLE}`);
  return moved;
}

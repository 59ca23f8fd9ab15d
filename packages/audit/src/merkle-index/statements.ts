import type { Database, Statement } from "better-sqlite3";
import type { LeafRow, StateRow } from "./schema.js";

const LEAF_COLUMNS = "leaf_index, position, event_id, leaf_hash";

/** Every query the index runs, prepared once per connection. */
export interface IndexStatements {
  state: Statement<[], StateRow>;
  /** The size and last position alone, without the compact range's hashes to decode. */
  head: Statement<[], { size: number; last_position: string }>;
  saveState: Statement<[number, string, string]>;
  insertLeaf: Statement<[number, string, string, Buffer]>;
  /** MAX(leaf_index) + 1: the size the leaves table implies, from the primary key alone. */
  leafCount: Statement<[], number>;
  leafHash: Statement<[number], Buffer>;
  leaves: Statement<[number, number], LeafRow>;
  leafOfEvent: Statement<[string], LeafRow>;
  leafAtPosition: Statement<[string], LeafRow>;
  subtree: Statement<[number, number], Buffer>;
  saveSubtree: Statement<[number, number, Buffer]>;
  /** Subtrees reaching at or past a leaf: dropped when the leaves from there are hashed again. */
  dropSubtreesFrom: Statement<[number]>;
  dropLeavesFrom: Statement<[number]>;
}

/** The leaf-format statements; absent from an index file made before leaf format 2. */
export interface LeafFormatStatements {
  legacyBelow: Statement<[], number>;
  setLegacyBelow: Statement<[number]>;
}

export function prepareLeafFormatStatements(db: Database): LeafFormatStatements | undefined {
  try {
    return {
      legacyBelow: db.prepare<[], number>("SELECT legacy_below FROM merkle_leaf_format WHERE id = 1").pluck(),
      setLegacyBelow: db.prepare("INSERT INTO merkle_leaf_format (id, legacy_below) VALUES (1, ?)"),
    };
  } catch {
    return undefined;
  }
}

export function prepareStatements(db: Database): IndexStatements {
  return {
    state: db.prepare("SELECT size, hashes, last_position FROM merkle_state WHERE id = 1"),
    head: db.prepare("SELECT size, last_position FROM merkle_state WHERE id = 1"),
    saveState: db.prepare(
      `INSERT INTO merkle_state (id, size, hashes, last_position) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET size = excluded.size, hashes = excluded.hashes, last_position = excluded.last_position`,
    ),
    insertLeaf: db.prepare("INSERT INTO leaves (leaf_index, position, event_id, leaf_hash) VALUES (?, ?, ?, ?)"),
    leafCount: db.prepare<[], number>("SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM leaves").pluck(),
    leafHash: db.prepare<[number], Buffer>("SELECT leaf_hash FROM leaves WHERE leaf_index = ?").pluck(),
    leaves: db.prepare(`SELECT ${LEAF_COLUMNS} FROM leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?`),
    leafOfEvent: db.prepare(`SELECT ${LEAF_COLUMNS} FROM leaves WHERE event_id = ?`),
    leafAtPosition: db.prepare(`SELECT ${LEAF_COLUMNS} FROM leaves WHERE position = ?`),
    subtree: db
      .prepare<[number, number], Buffer>("SELECT hash FROM merkle_subtrees WHERE level = ? AND idx = ?")
      .pluck(),
    saveSubtree: db.prepare("INSERT OR REPLACE INTO merkle_subtrees (level, idx, hash) VALUES (?, ?, ?)"),
    dropSubtreesFrom: db.prepare("DELETE FROM merkle_subtrees WHERE (idx + 1) * (1 << level) > ?"),
    dropLeavesFrom: db.prepare("DELETE FROM leaves WHERE leaf_index >= ?"),
  };
}

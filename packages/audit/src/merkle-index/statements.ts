import type { Database, Statement } from "better-sqlite3";
import type { BlockRow, StateRow } from "./schema.js";

const BLOCK_COLUMNS = "leaf_index, leaf_hashes, positions, event_ids";

/** Every query the index runs, prepared once per connection. */
export interface IndexStatements {
  state: Statement<[], StateRow>;
  /** The size and last position alone, without the compact range's hashes to decode. */
  head: Statement<[], { size: number; last_position: string }>;
  saveState: Statement<[number, string, string]>;
  /** The leaf count the blocks imply: the last block's first leaf index plus its leaves. */
  leafCount: Statement<[], number>;
  block: Statement<[number], BlockRow>;
  blockHashes: Statement<[number], Buffer>;
  /** Blocks whose first leaf is in [from, to), in order. */
  blocks: Statement<[number, number], BlockRow>;
  saveBlock: Statement<[number, Buffer, string, string]>;
  dropBlocksFrom: Statement<[number]>;
  /** Inserts unless the key is taken (changes = 0): the id then goes to the collision table. */
  insertIdKey: Statement<[number, number]>;
  leafOfIdKey: Statement<[number], number>;
  insertCollision: Statement<[string, number]>;
  leafOfCollision: Statement<[string], number>;
  dropIdKeysFrom: Statement<[number]>;
  dropCollisionsFrom: Statement<[number]>;
  subtree: Statement<[number, number], Buffer>;
  saveSubtree: Statement<[number, number, Buffer]>;
  /** Subtrees reaching at or past a leaf: dropped when the leaves from there are hashed again. */
  dropSubtreesFrom: Statement<[number]>;
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
    leafCount: db
      .prepare<[], number>(
        `SELECT leaf_index + length(leaf_hashes) / 32 FROM leaf_blocks
         WHERE leaf_index = (SELECT MAX(leaf_index) FROM leaf_blocks)`,
      )
      .pluck(),
    block: db.prepare(`SELECT ${BLOCK_COLUMNS} FROM leaf_blocks WHERE leaf_index = ?`),
    blockHashes: db.prepare<[number], Buffer>("SELECT leaf_hashes FROM leaf_blocks WHERE leaf_index = ?").pluck(),
    blocks: db.prepare(
      `SELECT ${BLOCK_COLUMNS} FROM leaf_blocks WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index`,
    ),
    saveBlock: db.prepare(
      "INSERT OR REPLACE INTO leaf_blocks (leaf_index, leaf_hashes, positions, event_ids) VALUES (?, ?, ?, ?)",
    ),
    dropBlocksFrom: db.prepare("DELETE FROM leaf_blocks WHERE leaf_index >= ?"),
    insertIdKey: db.prepare("INSERT OR IGNORE INTO leaf_ids (id_key, leaf_index) VALUES (?, ?)"),
    leafOfIdKey: db.prepare<[number], number>("SELECT leaf_index FROM leaf_ids WHERE id_key = ?").pluck(),
    insertCollision: db.prepare("INSERT INTO leaf_id_collisions (event_id, leaf_index) VALUES (?, ?)"),
    leafOfCollision: db
      .prepare<[string], number>("SELECT leaf_index FROM leaf_id_collisions WHERE event_id = ?")
      .pluck(),
    dropIdKeysFrom: db.prepare("DELETE FROM leaf_ids WHERE leaf_index >= ?"),
    dropCollisionsFrom: db.prepare("DELETE FROM leaf_id_collisions WHERE leaf_index >= ?"),
    subtree: db
      .prepare<[number, number], Buffer>("SELECT hash FROM merkle_subtrees WHERE level = ? AND idx = ?")
      .pluck(),
    saveSubtree: db.prepare("INSERT OR REPLACE INTO merkle_subtrees (level, idx, hash) VALUES (?, ?, ?)"),
    dropSubtreesFrom: db.prepare("DELETE FROM merkle_subtrees WHERE (idx + 1) * (1 << level) > ?"),
  };
}

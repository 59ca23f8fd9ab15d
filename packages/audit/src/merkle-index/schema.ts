/**
 * The Merkle index of the global log. `leaf_blocks` is the log itself as the tree sees it, in
 * blocks of LEAVES_PER_BLOCK leaves (decisions/0042): one row per block, keyed by its first leaf
 * index, holding the block's leaf hashes end to end and its positions and event ids as JSON
 * arrays. Only the last block is ever partial, and only it is rewritten by an append. `leaf_ids`
 * finds an event's leaf: keyed by a 31-bit hash of the event id (idKey), so each leaf costs one
 * small integer-keyed row instead of a text key in a second B-tree; an id whose key another id
 * took is kept by its text in `leaf_id_collisions`. `merkle_state` is the CompactRange (O(log n)
 * hashes) that gives the current root without reading the leaves; `merkle_subtrees` keeps the
 * hashes of complete perfect subtrees of 256 leaves and up, which never change once complete, so
 * proofs and old roots cost O(256 log n) reads instead of O(n). Positions are decimal text:
 * EventStoreDB's exceed 2^63. `merkle_leaf_format` holds `legacy_below`: leaves below it are leaf
 * format 1, the rest format 2 (no row: an index made before format 2, which must be migrated
 * before it takes more leaves).
 */
export const MERKLE_INDEX_SCHEMA = `
CREATE TABLE IF NOT EXISTS leaf_blocks (
  leaf_index  INTEGER PRIMARY KEY CHECK (leaf_index % 256 = 0),
  leaf_hashes BLOB    NOT NULL CHECK (length(leaf_hashes) % 32 = 0 AND length(leaf_hashes) BETWEEN 32 AND 8192),
  positions   TEXT    NOT NULL,
  event_ids   TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS leaf_ids (
  id_key     INTEGER PRIMARY KEY,
  leaf_index INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS leaf_id_collisions (
  event_id   TEXT    PRIMARY KEY,
  leaf_index INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS merkle_state (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  size          INTEGER NOT NULL,
  hashes        TEXT    NOT NULL,
  last_position TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS merkle_subtrees (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS merkle_leaf_format (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  legacy_below INTEGER NOT NULL CHECK (legacy_below >= 0)
);
`;

/**
 * The layout before decisions/0042: a row per leaf, with a unique index on the event id and one on
 * the position. An index file in it is converted when first opened for writing (row-layout.ts).
 */
export const ROW_PER_LEAF_TABLE = "leaves";

export interface BlockRow {
  leaf_index: number;
  leaf_hashes: Buffer;
  positions: string;
  event_ids: string;
}

export interface StateRow {
  size: number;
  hashes: string;
  last_position: string;
}

/**
 * The Merkle index of the global log. `leaves` is the log itself as the tree sees it, one row per
 * event in position order; `merkle_state` is the CompactRange (O(log n) hashes) that gives the
 * current root without reading the leaves; `merkle_subtrees` keeps the hashes of complete perfect
 * subtrees of 256 leaves and up, which never change once complete, so proofs and old roots cost
 * O(256 log n) reads instead of O(n). Positions are decimal text: EventStoreDB's exceed 2^63.
 * `merkle_leaf_format` holds `legacy_below`: leaves below it are leaf format 1, the rest format 2
 * (no row: an index made before format 2, which must be migrated before it takes more leaves).
 */
export const MERKLE_INDEX_SCHEMA = `
CREATE TABLE IF NOT EXISTS leaves (
  leaf_index INTEGER PRIMARY KEY,
  position   TEXT    NOT NULL,
  event_id   TEXT    NOT NULL UNIQUE,
  leaf_hash  BLOB    NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE INDEX IF NOT EXISTS leaves_by_position ON leaves (position);
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

export interface LeafRow {
  leaf_index: number;
  position: string;
  event_id: string;
  leaf_hash: Buffer;
}

export interface StateRow {
  size: number;
  hashes: string;
  last_position: string;
}

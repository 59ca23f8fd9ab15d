/**
 * What the audit keeps beside the Merkle index in the projector's read-model database, so the
 * query service can answer for heads and keys without reading the whole `ledger-heads` stream.
 * `signed_heads` holds each well-formed LedgerHeadSigned whose root the index reproduces, by the
 * head event's own leaf; `signing_keys` the public keys the projector has signed with, and when it
 * last started with each (`recorded_at`).
 */
export const AUDIT_TABLES_SCHEMA = `
CREATE TABLE IF NOT EXISTS signed_heads (
  leaf_index INTEGER PRIMARY KEY,
  event_id   TEXT    NOT NULL UNIQUE,
  tree_size  INTEGER NOT NULL,
  root_hash  TEXT    NOT NULL,
  key_id     TEXT    NOT NULL,
  signature  TEXT    NOT NULL,
  signed_at  TEXT    NOT NULL,
  origin     TEXT
);
CREATE INDEX IF NOT EXISTS signed_heads_by_size ON signed_heads (tree_size);
CREATE TABLE IF NOT EXISTS signing_keys (
  key_id         TEXT PRIMARY KEY,
  public_key_pem TEXT NOT NULL,
  public_key_hex TEXT NOT NULL,
  recorded_at    TEXT NOT NULL
) WITHOUT ROWID;
`;

export interface SignedHeadRow {
  leaf_index: number;
  event_id: string;
  tree_size: number;
  root_hash: string;
  key_id: string;
  signature: string;
  signed_at: string;
  /** The checkpoint origin; NULL for a head in the retired v1 form. */
  origin: string | null;
}

/** For a read model made before checkpoints: the origin column is added in place. */
export const hasOriginColumn = (columns: readonly { name: string }[]): boolean =>
  columns.some((column) => column.name === "origin");

export interface SigningKeyRow {
  key_id: string;
  public_key_pem: string;
  public_key_hex: string;
  recorded_at: string;
}

import Database from "better-sqlite3";

/** A witness's cosignature of one signed head, as posted by its witness key. */
export interface CosignatureRecord {
  witness: string;
  treeSize: number;
  rootHash: string;
  /** POSIX seconds, from the cosignature itself. */
  timestamp: number;
  /** The signature line exactly as the witness wrote it, newline included. */
  line: string;
}

export interface Cosignatures {
  /** Keeps the latest cosignature of each witness per head. */
  add(record: CosignatureRecord): void;
  forHead(treeSize: number, rootHash: string): CosignatureRecord[];
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cosignatures (
  witness   TEXT    NOT NULL,
  tree_size INTEGER NOT NULL,
  root_hash TEXT    NOT NULL,
  timestamp INTEGER NOT NULL,
  line      TEXT    NOT NULL,
  PRIMARY KEY (tree_size, root_hash, witness)
) WITHOUT ROWID;
`;

interface Row {
  witness: string;
  tree_size: number;
  root_hash: string;
  timestamp: number;
  line: string;
}

/**
 * The one thing the query service writes: cosignatures that witnesses post back, in a file of its
 * own (LEDGER_COSIGNATURES_FILE), apart from the read models the projector owns. Each was checked
 * against the witness's registered key and a head the ledger signed before it was stored; anyone
 * can check it again from the head and the witness's verifier key.
 */
export function openCosignatures(file: string): Cosignatures {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  const upsert = db.prepare(
    `INSERT INTO cosignatures (witness, tree_size, root_hash, timestamp, line) VALUES (@witness, @treeSize, @rootHash, @timestamp, @line)
     ON CONFLICT (tree_size, root_hash, witness) DO UPDATE SET timestamp = excluded.timestamp, line = excluded.line
     WHERE excluded.timestamp > cosignatures.timestamp`,
  );
  const forHead = db.prepare<[number, string], Row>(
    "SELECT * FROM cosignatures WHERE tree_size = ? AND root_hash = ? ORDER BY witness",
  );
  return {
    add: (record) => void upsert.run(record),
    forHead: (treeSize, rootHash) =>
      forHead.all(treeSize, rootHash).map((row) => ({
        witness: row.witness,
        treeSize: row.tree_size,
        rootHash: row.root_hash,
        timestamp: row.timestamp,
        line: row.line,
      })),
    close: () => db.close(),
  };
}

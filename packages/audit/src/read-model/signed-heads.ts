import type { Database } from "better-sqlite3";
import type { LedgerHeadSigned } from "@relief-ledger/domain";
import type { SignedHeadRow } from "./schema.js";

/** A signed head as the ledger recorded it: the head, when, and where its own event sits. */
export interface SignedHeadRecord extends LedgerHeadSigned {
  /** The recordedAt of the LedgerHeadSigned event. */
  signedAt: string;
  eventId: string;
  /** The head event's own leaf: always at or after treeSize, so it is in the next head. */
  leafIndex: number;
}

export interface SignedHeads {
  record(head: SignedHeadRecord): void;
  latest(): SignedHeadRecord | undefined;
  /** The latest head of exactly this size. */
  ofSize(treeSize: number): SignedHeadRecord | undefined;
  /**
   * Leaves after the latest head that are not heads themselves: the events the next head would
   * newly cover. A head's own leaf does not count, or every head would call for another.
   */
  unsignedLeaves(indexSize: number): number;
}

const toRecord = (row: SignedHeadRow): SignedHeadRecord => ({
  treeSize: row.tree_size,
  rootHash: row.root_hash,
  keyId: row.key_id,
  signature: row.signature,
  signedAt: row.signed_at,
  eventId: row.event_id,
  leafIndex: row.leaf_index,
  ...(row.origin !== null && row.origin !== undefined && { origin: row.origin }),
});

export function openSignedHeads(db: Database): SignedHeads {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO signed_heads (leaf_index, event_id, tree_size, root_hash, key_id, signature, signed_at, origin)
     VALUES (@leafIndex, @eventId, @treeSize, @rootHash, @keyId, @signature, @signedAt, @origin)`,
  );
  const latest = db.prepare<[], SignedHeadRow>("SELECT * FROM signed_heads ORDER BY leaf_index DESC LIMIT 1");
  const ofSize = db.prepare<[number], SignedHeadRow>(
    "SELECT * FROM signed_heads WHERE tree_size = ? ORDER BY leaf_index DESC LIMIT 1",
  );
  const headsFrom = db.prepare<[number], number>("SELECT COUNT(*) FROM signed_heads WHERE leaf_index >= ?").pluck();
  const get = (row: SignedHeadRow | undefined) => (row === undefined ? undefined : toRecord(row));
  return {
    record: (head) => void insert.run({ ...head, origin: head.origin ?? null }),
    latest: () => get(latest.get()),
    ofSize: (treeSize) => get(ofSize.get(treeSize)),
    unsignedLeaves(indexSize) {
      const signed = latest.get()?.tree_size ?? 0;
      return Math.max(0, indexSize - signed - headsFrom.get(signed)!);
    },
  };
}

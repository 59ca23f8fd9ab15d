import type { Database } from "better-sqlite3";
import { LedgerHeadSignedSchema } from "@relief-ledger/domain";
import type { RecordedEvent } from "@relief-ledger/event-store";
import { openMerkleIndex } from "../merkle-index/merkle-index.js";
import type { MerkleIndex } from "../merkle-index/types.js";
import { AUDIT_TABLES_SCHEMA, hasOriginColumn } from "./schema.js";
import { openSignedHeads, type SignedHeads } from "./signed-heads.js";
import { openSigningKeys, type SigningKeys } from "./signing-keys.js";

/** The audit's part of a read-model database: the Merkle index, the signed heads, the keys. */
export interface AuditLog {
  index: MerkleIndex;
  heads: SignedHeads;
  keys: SigningKeys;
  /** Records a LedgerHeadSigned event that is indexed, well-formed and whose root the index gives. */
  recordHead(event: RecordedEvent): void;
  /**
   * The projector's batch step: indexes the batch's events and records its heads, inside the
   * batch's transaction, so index, heads and checkpoint commit together or not at all.
   */
  step: (batch: { events: readonly RecordedEvent[]; after: bigint }) => void;
}

/**
 * Opens the audit tables in the caller's connection to the read-model database. Read-only, for the
 * query service, it creates nothing and fails if the projector has not created them yet.
 */
export function openAuditLog(db: Database, options: { readonly?: boolean } = {}): AuditLog {
  const readonly = options.readonly ?? false;
  if (!readonly) {
    db.exec(AUDIT_TABLES_SCHEMA);
    if (!hasOriginColumn(db.pragma("table_info(signed_heads)") as { name: string }[])) {
      db.exec("ALTER TABLE signed_heads ADD COLUMN origin TEXT");
    }
  }
  const index = openMerkleIndex(db, { readonly });
  let heads: SignedHeads;
  let keys: SigningKeys;
  try {
    heads = openSignedHeads(db);
    keys = openSigningKeys(db);
  } catch {
    throw new Error(`${db.name} holds no signed-heads table`);
  }

  const recordHead = (event: RecordedEvent) => {
    const parsed = LedgerHeadSignedSchema.safeParse(event.data);
    const leafIndex = index.leafIndexOf(event.id);
    // A malformed head, or one the index cannot reproduce, can never back a checkable proof;
    // ledger verify is where it gets reported.
    if (!parsed.success || leafIndex === undefined || parsed.data.treeSize > leafIndex) return;
    if (index.root(parsed.data.treeSize).toString("hex") !== parsed.data.rootHash) return;
    heads.record({ ...parsed.data, signedAt: event.recordedAt, eventId: event.id, leafIndex });
  };

  return {
    index,
    heads,
    keys,
    recordHead,
    step({ events, after }) {
      const indexed = index.lastPosition();
      if (indexed < after) {
        throw new Error(
          `the Merkle index ends at position ${indexed}, before the read models' checkpoint ${after}: ` +
            "catch it up first (catchUpAuditLog)",
        );
      }
      index.append(events);
      for (const event of events) if (event.type === "LedgerHeadSigned") recordHead(event);
    },
  };
}

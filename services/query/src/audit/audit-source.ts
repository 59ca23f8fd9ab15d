import type { Database } from "better-sqlite3";
import { openAuditLog, type AuditLog, type SignedHeadRecord } from "@relief-ledger/audit";
import type { LedgerHeadSigned } from "@relief-ledger/domain";
import { HttpError } from "@relief-ledger/http";
import type { ReadModel } from "../read-model.js";

// One AuditLog per read-model connection: a rebuilt file gets a new connection, hence a new entry.
const opened = new WeakMap<Database, AuditLog>();

/** The projector's Merkle index and signed heads, read-only, from the current read-model file. */
export function auditLogOf(readModel: ReadModel): AuditLog {
  const db = readModel.db();
  let log = opened.get(db);
  if (log === undefined) {
    try {
      // In one read transaction, so the index's size check cannot straddle a projector commit.
      log = db.transaction(() => openAuditLog(db, { readonly: true }))();
    } catch {
      throw new HttpError(503, "not_ready", "the projector has not built the Merkle index yet");
    }
    opened.set(db, log);
  }
  return log;
}

/** Exactly the four signed fields: checkers refuse a head with anything else in it. */
export const signedPart = ({ treeSize, rootHash, keyId, signature }: SignedHeadRecord): LedgerHeadSigned => ({
  treeSize,
  rootHash,
  keyId,
  signature,
});

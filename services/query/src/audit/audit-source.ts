import type { Database } from "better-sqlite3";
import {
  formatCheckpoint,
  openAuditLog,
  parsePublicKey,
  type AuditLog,
  type SignedHeadRecord,
} from "@relief-ledger/audit";
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

/** Exactly the signed fields (the origin too, for a checkpoint): checkers refuse a head with anything else. */
export const signedPart = ({ treeSize, rootHash, keyId, signature, origin }: SignedHeadRecord): LedgerHeadSigned => ({
  treeSize,
  rootHash,
  keyId,
  signature,
  ...(origin !== undefined && { origin }),
});

/** The head as a C2SP signed checkpoint, when it is one and its key is known, with any cosignature lines. */
export function checkpointOf(
  log: AuditLog,
  head: SignedHeadRecord,
  cosignatures: readonly string[] = [],
): string | undefined {
  const key = log.keys.get(head.keyId);
  if (head.origin === undefined || key === undefined) return undefined;
  return formatCheckpoint(signedPart(head), parsePublicKey(key.publicKeyPem), cosignatures);
}

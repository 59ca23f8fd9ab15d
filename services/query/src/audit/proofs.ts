import {
  buildConsistencyBundle,
  buildProofBundle,
  eventAtLeaf,
  type AuditLog,
  type ConsistencyBundle,
  type ProofBundle,
  type SignedHeadRecord,
} from "@relief-ledger/audit";
import type { EventStore } from "@relief-ledger/event-store";
import type { Database } from "better-sqlite3";
import { HttpError } from "@relief-ledger/http";
import { signedPart } from "./audit-source.js";

const refusal = (status: number, error: string, field: string, message: string) =>
  new HttpError(status, error, message, [{ path: `querystring.${field}`, message }]);

/** The signed head of exactly `size` leaves, or a 4xx naming the field that asked for it. */
function headOfSize(log: AuditLog, size: number, field: string): SignedHeadRecord {
  const indexed = log.index.size();
  if (size > indexed) {
    throw refusal(400, "bad_request", field, `${field} is beyond the index, which has ${indexed} leaves`);
  }
  const head = log.heads.ofSize(size);
  const latest = log.heads.latest()?.treeSize;
  const hint = latest === undefined ? "no head is signed yet" : `the latest is of size ${latest}`;
  if (head === undefined) throw refusal(404, "not_found", field, `no head of that size was signed (${hint})`);
  return head;
}

export async function inclusionBundle(
  log: AuditLog,
  store: EventStore,
  eventId: string,
  treeSize: number | undefined,
): Promise<ProofBundle> {
  const leafIndex = log.index.leafIndexOf(eventId);
  if (leafIndex === undefined) throw new HttpError(404, "not_found", "no such event in the ledger's index");
  let head: SignedHeadRecord;
  if (treeSize !== undefined) {
    if (treeSize <= leafIndex) {
      throw refusal(400, "bad_request", "treeSize", `treeSize must be more than the event's leaf index ${leafIndex}`);
    }
    head = headOfSize(log, treeSize, "treeSize");
  } else {
    const latest = log.heads.latest();
    if (latest === undefined || latest.treeSize <= leafIndex) {
      const covered = latest?.treeSize ?? 0;
      const message = `the event is leaf ${leafIndex}; the latest signed head covers ${covered} leaves: ask again after the next head`;
      throw new HttpError(409, "not_signed_yet", message);
    }
    head = latest;
  }
  const event = await eventAtLeaf(store, log.index, leafIndex);
  // A 500: the index and the store disagree, which is for ledger verify to locate.
  if (event?.id !== eventId) throw new Error(`the store holds another event at leaf ${leafIndex}`);
  return buildProofBundle(log.index, event, signedPart(head));
}

export function consistencyBundle(log: AuditLog, from: number, to: number | undefined): ConsistencyBundle {
  const later = to === undefined ? log.heads.latest() : headOfSize(log, to, "to");
  if (later === undefined) throw new HttpError(404, "not_found", "no head has been signed yet");
  if (from > later.treeSize) {
    throw refusal(400, "bad_request", "from", `from must not be more than to (${later.treeSize})`);
  }
  return buildConsistencyBundle(log.index, signedPart(headOfSize(log, from, "from")), signedPart(later));
}

/**
 * The event that recorded a distribution, by the distribution's id (what a CBO's receipt shows):
 * the read model knows its position, the Merkle index the leaf at that position.
 */
export function eventOfDistribution(log: AuditLog, db: Database, distributionId: string): string {
  const row = db
    .prepare<[string], { position: string }>("SELECT position FROM distributions WHERE distribution_id = ?")
    .get(distributionId);
  const leaf = row === undefined ? undefined : log.index.leafAtPosition(BigInt(row.position));
  if (leaf === undefined) throw new HttpError(404, "not_found", "no such distribution in the ledger's index");
  return leaf.eventId;
}

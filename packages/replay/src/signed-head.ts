import type { RecordedHead } from "@relief-ledger/audit";
import type { SignedHeadAtPoint } from "./portable/report.js";
import type { LogPrefix } from "./scan-log.js";

/** Head sizes to take roots at while scanning, so each head can be checked in the same pass. */
export const headSizes = (heads: readonly RecordedHead[]): Set<number> =>
  new Set(heads.flatMap((recorded) => (recorded.head ? [recorded.head.treeSize] : [])));

/**
 * The signature itself is not checked here (that takes the operator's public key: `ledger
 * verify`); what is checked is that the events replayed are the events that head signed.
 */
export function lastSignedHead(heads: readonly RecordedHead[], prefix: LogPrefix): SignedHeadAtPoint | null {
  const end = prefix.lastPosition;
  const within = heads.filter((recorded) => recorded.head && end !== null && recorded.position <= end);
  const last = within.at(-1);
  if (!last?.head) return null;
  const { treeSize, rootHash, keyId, signature } = last.head;
  return {
    treeSize,
    rootHash,
    keyId,
    signature,
    eventId: last.eventId,
    position: last.position.toString(),
    rootMatches: prefix.rootsAt.get(treeSize) === rootHash,
  };
}

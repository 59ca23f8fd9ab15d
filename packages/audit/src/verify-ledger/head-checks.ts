import type { KeyObject } from "node:crypto";
import type { LedgerHeadSigned } from "@relief-ledger/domain";
import type { RecordedHead } from "../heads/read-heads.js";
import { verifyHead } from "../signing/tree-head.js";
import type { Problem } from "./types.js";

/** A head whose signature verified: its root is what the store must hash to at treeSize. */
export interface SignedSize {
  treeSize: number;
  rootHash: string;
  /** Present on heads in checkpoint form (leaf format 2); absent on the retired v1 form. */
  origin?: string | undefined;
  /** How messages name it: "head r3 (position 412)" or "trusted head 1". */
  label: string;
  eventId?: string;
}

export interface HeadChecks {
  valid: SignedSize[];
  /** Problems with heads in the store, by event id, to report where the log has them. */
  byEvent: Map<string, Problem[]>;
  /** Problems with the auditor's own heads. */
  trusted: Problem[];
  checked: number;
}

type Verdict = { ok: true; head: LedgerHeadSigned } | { ok: false; problem: Omit<Problem, "position" | "eventId"> };

function judge(head: LedgerHeadSigned | undefined, label: string, keys: ReadonlyMap<string, KeyObject>): Verdict {
  if (head === undefined)
    return { ok: false, problem: { kind: "forged-head", message: `${label} is not a well-formed LedgerHeadSigned` } };
  const key = keys.get(head.keyId);
  if (key === undefined) {
    return {
      ok: false,
      problem: { kind: "unknown-key", message: `${label} is signed by key ${head.keyId}, which was not given` },
    };
  }
  if (!verifyHead(head, key)) {
    return {
      ok: false,
      problem: {
        kind: "forged-head",
        message: `the signature of ${label} (treeSize ${head.treeSize}) does not verify under ${head.keyId}`,
      },
    };
  }
  return { ok: true, head };
}

export function checkHeads(
  recorded: readonly RecordedHead[],
  trusted: readonly LedgerHeadSigned[],
  keys: ReadonlyMap<string, KeyObject>,
): HeadChecks {
  const checks: HeadChecks = { valid: [], byEvent: new Map(), trusted: [], checked: recorded.length + trusted.length };
  for (const { eventId, position, revision, head } of recorded) {
    const label = `head r${revision} (position ${position})`;
    const verdict = judge(head, label, keys);
    if (verdict.ok) checks.valid.push({ ...verdict.head, label, eventId });
    else checks.byEvent.set(eventId, [{ ...verdict.problem, position, eventId }]);
  }
  trusted.forEach((head, i) => {
    const verdict = judge(head, `trusted head ${i + 1}`, keys);
    if (verdict.ok) checks.valid.push({ ...verdict.head, label: `trusted head ${i + 1}` });
    else checks.trusted.push(verdict.problem);
  });
  return checks;
}

/** Heads by the tree size they sign. */
export function bySize(heads: readonly SignedSize[]): Map<number, SignedSize[]> {
  const map = new Map<number, SignedSize[]>();
  for (const head of heads) map.set(head.treeSize, [...(map.get(head.treeSize) ?? []), head]);
  return map;
}

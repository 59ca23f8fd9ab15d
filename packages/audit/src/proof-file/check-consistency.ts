import { verifyConsistency } from "../verify.js";
import { CONSISTENCY_BUNDLE_FORMAT, hashList, isRecord, parseHead } from "./format.js";
import { headFailure, keyMap, type TrustedKeys } from "./check-keys.js";

export type ConsistencyCheckResult =
  { ok: true; fromSize: number; toSize: number; fromRoot: string; toRoot: string } | { ok: false; reason: string };

const fail = (reason: string): ConsistencyCheckResult => ({ ok: false, reason });

/** Checks both heads' signatures and that the later tree extends the earlier one, append-only. */
export function checkConsistencyBundle(bundle: unknown, publicKeys: TrustedKeys): ConsistencyCheckResult {
  if (!isRecord(bundle) || bundle.format !== CONSISTENCY_BUNDLE_FORMAT) {
    return fail(`not a ${CONSISTENCY_BUNDLE_FORMAT} bundle`);
  }
  const from = parseHead(bundle.from);
  const to = parseHead(bundle.to);
  if (from === null || to === null) return fail("a head is not a well-formed LedgerHeadSigned");
  const proof = hashList(bundle.proof);
  if (proof === null) return fail("the consistency proof is not a list of 64-digit lowercase hex hashes");
  const keys = keyMap(publicKeys);
  const unsigned = headFailure(from, keys, "the earlier head") ?? headFailure(to, keys, "the later head");
  if (unsigned !== null) return fail(unsigned);
  if (from.treeSize < 1 || from.treeSize > to.treeSize) {
    return fail(`cannot prove a tree of ${from.treeSize} consistent with one of ${to.treeSize}`);
  }
  const check = {
    size1: from.treeSize,
    size2: to.treeSize,
    root1: Buffer.from(from.rootHash, "hex"),
    root2: Buffer.from(to.rootHash, "hex"),
    proof,
  };
  if (!verifyConsistency(check)) {
    return fail(`the tree of ${to.treeSize} is not shown to extend the tree of ${from.treeSize}`);
  }
  return { ok: true, fromSize: from.treeSize, toSize: to.treeSize, fromRoot: from.rootHash, toRoot: to.rootHash };
}

// The auditor's check of the ledger, run in this browser with the operator's public key and
// WebCrypto: the server only supplies material (a key, a checkpoint, proofs); every verdict is
// computed here, with the same walks and formats as `ledger check-proof` (@relief-ledger/audit/portable).

import {
  eventLeafHashWeb,
  fromHex,
  keyIdOfRaw,
  toHex,
  verifyCheckpointWeb,
  verifyConsistencyWeb,
  verifyInclusionWeb,
  type LeafEvent,
  type VerifiedCheckpoint,
} from "@relief-ledger/audit/portable";
import { ApiError, query, queryText } from "../api.js";
import { rememberHead, seenHeads, trustedKeys, trustKey, type SeenHead, type TrustedKey } from "./heads-store.js";

interface PublicKeyAnswer {
  keyId: string;
  publicKeyHex: string;
}
interface ConsistencyAnswer {
  proof: unknown;
}
export interface InclusionBundle {
  format: string;
  leafFormat?: 1 | 2;
  event: LeafEvent;
  leafIndex: number;
  treeSize: number;
  inclusionProof: unknown;
  head: { treeSize: number; rootHash: string; keyId: string; signature: string; origin?: string };
}

/** How the head just verified relates to the heads this browser saw before. */
export type Comparison =
  | { kind: "first" }
  | { kind: "same"; seen: SeenHead }
  | { kind: "extends"; seen: SeenHead }
  | { kind: "older"; seen: SeenHead };

export type HeadCheck =
  | { kind: "verified"; keyId: string; firstKey: boolean; head: VerifiedCheckpoint; comparison: Comparison }
  /** The server's key is not one this browser trusts: the auditor decides, out of band. */
  | { kind: "key-changed"; served: PublicKeyAnswer; trusted: TrustedKey[] }
  /** The server names its key with an id that is not that key's hash. */
  | { kind: "key-mismatch"; served: PublicKeyAnswer }
  | { kind: "forged"; reason: "malformed" | "unsigned" | "forged"; text: string }
  /** A validly signed head that does not extend (or is not a prefix of) one seen before. */
  | { kind: "inconsistent"; seen: SeenHead; served: VerifiedCheckpoint; proof: unknown };

const HEX_HASH = /^[0-9a-f]{64}$/;
const hashList = (value: unknown): Uint8Array[] | null =>
  Array.isArray(value) && value.every((h) => typeof h === "string" && HEX_HASH.test(h))
    ? value.map((h: string) => fromHex(h)!)
    : null;

/** The consistency proof between two sizes, as the server offers it; null when it offers none. */
async function consistencyProof(from: number, to: number): Promise<unknown> {
  try {
    return (await query<ConsistencyAnswer>(`/v1/audit/proofs/consistency?from=${from}&to=${to}`)).proof;
  } catch (error) {
    // A server that cannot prove a head it signed is as suspect as one whose proof fails.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) return null;
    throw error;
  }
}

async function consistent(older: { treeSize: number; rootHash: string }, newer: typeof older, proof: unknown) {
  const hashes = hashList(proof);
  return (
    hashes !== null &&
    verifyConsistencyWeb({
      size1: older.treeSize,
      size2: newer.treeSize,
      root1: fromHex(older.rootHash)!,
      root2: fromHex(newer.rootHash)!,
      proof: hashes,
    })
  );
}

/**
 * Fetches the operator's key and latest checkpoint, verifies the signature, and checks the head
 * against the largest head this browser kept: equal roots for equal sizes, an RFC 6962
 * consistency proof otherwise, verified against the roots kept here (never the server's copy).
 */
export async function checkLatestHead(check: AbortSignal): Promise<HeadCheck> {
  const served = await query<PublicKeyAnswer>("/v1/audit/public-key");
  const rawKey = typeof served.publicKeyHex === "string" ? fromHex(served.publicKeyHex) : null;
  if (rawKey === null || rawKey.length !== 32 || (await keyIdOfRaw(rawKey)) !== served.keyId) {
    return { kind: "key-mismatch", served };
  }
  const trusted = await trustedKeys();
  const firstKey = trusted.length === 0;
  if (firstKey) await trustKey(served.keyId, served.publicKeyHex, check);
  else if (!trusted.some((k) => k.keyId === served.keyId && k.publicKeyHex === served.publicKeyHex)) {
    return { kind: "key-changed", served, trusted };
  }

  const text = await queryText("/v1/audit/checkpoint");
  const verdict = await verifyCheckpointWeb(text, rawKey);
  if (!verdict.ok) return { kind: "forged", reason: verdict.reason, text };
  const head = verdict.checkpoint;
  const verified = (comparison: Comparison): HeadCheck => ({
    kind: "verified",
    keyId: served.keyId,
    firstKey,
    head,
    comparison,
  });

  const seen = await seenHeads();
  const sameSize = seen.find((h) => h.treeSize === head.treeSize);
  if (sameSize !== undefined) {
    if (sameSize.rootHash === head.rootHash) return verified({ kind: "same", seen: sameSize });
    return { kind: "inconsistent", seen: sameSize, served: head, proof: [] };
  }
  const largest = seen.at(-1);
  if (largest === undefined) {
    await rememberHead(head, check);
    return verified({ kind: "first" });
  }
  const [older, newer] = largest.treeSize < head.treeSize ? [largest, head] : [head, largest];
  const proof = await consistencyProof(older.treeSize, newer.treeSize);
  if (!(await consistent(older, newer, proof))) return { kind: "inconsistent", seen: largest, served: head, proof };
  await rememberHead(head, check);
  return verified({ kind: largest.treeSize < head.treeSize ? "extends" : "older", seen: largest });
}

/** The browser's verdict on one distribution's inclusion proof under a head it verified. */
export type InclusionVerdict =
  | { ok: true; bundle: InclusionBundle; leafHash: string }
  | {
      ok: false;
      /** not-distribution: the proof is of another event; head-mismatch: under another head than the verified one; path: it does not lead to the signed root. */
      reason: "malformed" | "not-distribution" | "head-mismatch" | "path";
      bundle: unknown;
    };

export async function checkDistribution(distributionId: string, head: VerifiedCheckpoint): Promise<InclusionVerdict> {
  const bundle = await query<InclusionBundle>(
    `/v1/audit/proofs/inclusion?distributionId=${encodeURIComponent(distributionId)}&treeSize=${head.treeSize}`,
  );
  const fail = (reason: Exclude<InclusionVerdict, { ok: true }>["reason"]): InclusionVerdict => ({
    ok: false,
    reason,
    bundle,
  });
  const proof = hashList(bundle?.inclusionProof);
  const leafFormat = bundle?.leafFormat ?? 1;
  if (proof === null || typeof bundle.event !== "object" || (leafFormat !== 1 && leafFormat !== 2)) {
    return fail("malformed");
  }
  const { event } = bundle;
  if (event.type !== "DistributionRecorded" || event.data?.distributionId !== distributionId) {
    return fail("not-distribution");
  }
  const { head: claimed } = bundle;
  if (
    bundle.treeSize !== head.treeSize ||
    claimed?.treeSize !== head.treeSize ||
    claimed.rootHash !== head.rootHash ||
    claimed.signature !== head.signature
  ) {
    return fail("head-mismatch");
  }
  let leafHash: Uint8Array;
  try {
    leafHash = await eventLeafHashWeb(event, leafFormat);
  } catch {
    return fail("malformed");
  }
  const included = await verifyInclusionWeb({
    leafIndex: bundle.leafIndex,
    treeSize: head.treeSize,
    leafHash,
    proof,
    // The root this browser verified the signature of, not the one the bundle carries.
    root: fromHex(head.rootHash)!,
  });
  return included ? { ok: true, bundle, leafHash: toHex(leafHash) } : fail("path");
}

export { trustKey };

import type { LedgerHeadSigned } from "@relief-ledger/domain";
import { eventLeafHash, leafFormatAt, LEAF_FORMAT, type LeafEvent } from "../leaf.js";
import type { MerkleIndex } from "../merkle-index/types.js";
import {
  CONSISTENCY_BUNDLE_FORMAT,
  INCLUSION_BUNDLE_FORMAT,
  type ConsistencyBundle,
  type ProofBundle,
} from "./format.js";

type ProvingIndex = Pick<MerkleIndex, "root" | "inclusionProof" | "consistencyProof" | "legacyBelow">;

const hex = (hashes: readonly Buffer[]): string[] => hashes.map((hash) => hash.toString("hex"));

// A bundle that would not check is worse than none: refuse it here, where the cause can be named.
function assertSignedRoot(index: ProvingIndex, head: LedgerHeadSigned): void {
  if (index.root(head.treeSize).toString("hex") !== head.rootHash) {
    throw new Error(`the index does not match the head signed at size ${head.treeSize}; run ledger verify`);
  }
}

/** The inclusion bundle for one event (as read from the store) under one signed head. */
export function buildProofBundle(
  index: ProvingIndex,
  event: LeafEvent,
  head: LedgerHeadSigned,
  publicKeyPem?: string,
): ProofBundle {
  assertSignedRoot(index, head);
  const { leafIndex, leafHash, proof } = index.inclusionProof(event.id, head.treeSize);
  const leafFormat = leafFormatAt(leafIndex, index.legacyBelow() ?? Number.MAX_SAFE_INTEGER);
  if (!leafHash.equals(eventLeafHash(event, leafFormat))) {
    throw new Error(`event ${event.id} in the store does not match leaf ${leafIndex} of the index; run ledger verify`);
  }
  const { stream, revision, type, id, data, metadata, recordedAt } = event;
  return {
    format: INCLUSION_BUNDLE_FORMAT,
    leafFormat,
    event:
      leafFormat === LEAF_FORMAT.v1
        ? { stream, revision, type, id, data, recordedAt }
        : { stream, revision, type, id, data, metadata: metadata ?? {}, recordedAt },
    leafIndex,
    treeSize: head.treeSize,
    inclusionProof: hex(proof),
    head,
    ...(publicKeyPem !== undefined && { publicKeyPem }),
  };
}

export function buildConsistencyBundle(
  index: ProvingIndex,
  from: LedgerHeadSigned,
  to: LedgerHeadSigned,
  publicKeyPem?: string,
): ConsistencyBundle {
  assertSignedRoot(index, from);
  assertSignedRoot(index, to);
  return {
    format: CONSISTENCY_BUNDLE_FORMAT,
    from,
    to,
    proof: hex(index.consistencyProof(from.treeSize, to.treeSize)),
    ...(publicKeyPem !== undefined && { publicKeyPem }),
  };
}

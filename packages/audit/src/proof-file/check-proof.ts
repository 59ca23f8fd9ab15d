import { eventLeafHash } from "../leaf.js";
import { verifyInclusion } from "../verify.js";
import { INCLUSION_BUNDLE_FORMAT, hashList, isRecord, parseHead, parseLeafEvent, parseLeafFormat } from "./format.js";
import { headFailure, keyMap, type TrustedKeys } from "./check-keys.js";
import { isSize } from "../bits.js";

export type ProofCheck =
  | {
      ok: true;
      eventId: string;
      leafIndex: number;
      treeSize: number;
      keyId: string;
      rootHash: string;
      leafHash: string;
    }
  | { ok: false; reason: string };

const fail = (reason: string): ProofCheck => ({ ok: false, reason });

/**
 * Checks an inclusion bundle with nothing but the bundle and the verifier's public key(s): the
 * head's Ed25519 signature, then the event's leaf hash, then the audit path from that leaf to the
 * signed root. Any embedded publicKeyPem is ignored: a forger would embed their own.
 */
export function checkProofBundle(bundle: unknown, publicKeys: TrustedKeys): ProofCheck {
  if (!isRecord(bundle) || bundle.format !== INCLUSION_BUNDLE_FORMAT)
    return fail(`not a ${INCLUSION_BUNDLE_FORMAT} bundle`);
  const head = parseHead(bundle.head);
  if (head === null) return fail("the head is not a well-formed LedgerHeadSigned");
  const leafFormat = parseLeafFormat(bundle.leafFormat);
  if (leafFormat === null) return fail("leafFormat must be 1 or 2");
  const event = parseLeafEvent(bundle.event, leafFormat);
  if (event === null) {
    return fail(
      `the event lacks one of stream, revision, type, id, data, ${leafFormat === 2 ? "metadata, " : ""}recordedAt`,
    );
  }
  const proof = hashList(bundle.inclusionProof);
  if (proof === null) return fail("the inclusion proof is not a list of 64-digit lowercase hex hashes");
  const { leafIndex, treeSize } = bundle;
  if (!isSize(leafIndex) || !isSize(treeSize)) return fail("leafIndex and treeSize must be non-negative integers");
  if (treeSize !== head.treeSize)
    return fail(`the proof is for a tree of ${treeSize}, the head signs ${head.treeSize}`);
  const unsigned = headFailure(head, keyMap(publicKeys), "the head");
  if (unsigned !== null) return fail(unsigned);
  let leafHash: Buffer;
  try {
    leafHash = eventLeafHash(event, leafFormat);
  } catch {
    return fail("the event cannot be hashed: its fields are malformed");
  }
  const root = Buffer.from(head.rootHash, "hex");
  if (!verifyInclusion({ leafIndex, treeSize, leafHash, proof, root })) {
    return fail(`the event is not leaf ${leafIndex} of the signed tree: the proof does not lead to the signed root`);
  }
  const { keyId, rootHash } = head;
  return { ok: true, eventId: event.id, leafIndex, treeSize, keyId, rootHash, leafHash: leafHash.toString("hex") };
}

import type { LedgerHeadSigned } from "@relief-ledger/domain";
import type { EventStore, RecordedEvent } from "@relief-ledger/event-store";
import { readRecordedHeads } from "../heads/read-heads.js";
import type { MerkleIndex } from "../merkle-index/types.js";
import { buildConsistencyBundle, buildProofBundle } from "./build.js";
import type { ConsistencyBundle, ProofBundle } from "./format.js";

export interface ProveEventOptions {
  store: EventStore;
  index: MerkleIndex;
  eventId: string;
  /** The signed head to prove against; by default the latest that covers the event. */
  headSize?: number;
  publicKeyPem?: string;
}

async function signedHeads(store: EventStore): Promise<LedgerHeadSigned[]> {
  return (await readRecordedHeads(store)).flatMap(({ head }) => (head ? [head] : []));
}

/**
 * The event at a leaf. Positions are opaque (never `leaf - 1` or `position - 1`), so the index says
 * where the leaf and its predecessor are, and the event is read as the one after the predecessor's
 * position; it must be at the leaf's own position, or the store and the index disagree.
 */
export async function eventAtLeaf(
  store: EventStore,
  index: Pick<MerkleIndex, "leaf">,
  leafIndex: number,
): Promise<RecordedEvent | undefined> {
  const leaf = index.leaf(leafIndex);
  const after = leafIndex === 0 ? 0n : index.leaf(leafIndex - 1)?.position;
  if (leaf === undefined || after === undefined) return undefined;
  const [event] = (await store.readAll({ after, maxCount: 1 })).events;
  return event?.position === leaf.position ? event : undefined;
}

/** Builds the inclusion bundle for an event, reading it from the store and its proof from the index. */
export async function proveEvent(options: ProveEventOptions): Promise<ProofBundle> {
  const { store, index, eventId, headSize } = options;
  const leafIndex = index.leafIndexOf(eventId);
  if (leafIndex === undefined) throw new Error(`event ${eventId} is not in the index`);
  const covering = (await signedHeads(store)).filter((head) => head.treeSize > leafIndex);
  const head = headSize === undefined ? covering.at(-1) : covering.find((h) => h.treeSize === headSize);
  if (head === undefined) {
    throw new Error(
      headSize === undefined
        ? `no signed head covers leaf ${leafIndex} yet; sign one (ledger sign-head) and try again`
        : `no signed head of size ${headSize} covers leaf ${leafIndex}`,
    );
  }
  const event = await eventAtLeaf(store, index, leafIndex);
  if (event?.id !== eventId)
    throw new Error(`the store has no event ${eventId} where the index puts it; run ledger verify`);
  return buildProofBundle(index, event, head, options.publicKeyPem);
}

export interface ProveConsistencyOptions {
  store: EventStore;
  index: MerkleIndex;
  fromSize: number;
  /** By default the latest signed head. */
  toSize?: number;
  publicKeyPem?: string;
}

export async function proveConsistency(options: ProveConsistencyOptions): Promise<ConsistencyBundle> {
  const heads = await signedHeads(options.store);
  const from = heads.find((head) => head.treeSize === options.fromSize);
  const to = options.toSize === undefined ? heads.at(-1) : heads.find((head) => head.treeSize === options.toSize);
  if (from === undefined) throw new Error(`no signed head of size ${options.fromSize}`);
  if (to === undefined) throw new Error(`no signed head of size ${options.toSize ?? "any"}`);
  return buildConsistencyBundle(options.index, from, to, options.publicKeyPem);
}

import type { LeafHashSource } from "../leaf-source.js";
import type { LeafEvent } from "../leaf.js";

/** An event as the index takes it: what the leaf commits to, and where the log has it. */
export type IndexableEvent = LeafEvent & { position: bigint };

export interface LeafRecord {
  leafIndex: number;
  position: bigint;
  eventId: string;
  leafHash: Buffer;
}

export interface InclusionProofResult {
  leafIndex: number;
  treeSize: number;
  leafHash: Buffer;
  proof: Buffer[];
}

/** What a verifier reads from an index; MerkleIndex provides it. */
export interface MerkleIndexReader {
  size(): number;
  /** The Merkle Tree Hash of the first `size` leaves (all of them by default). */
  root(size?: number): Buffer;
  /** Up to `limit` leaves from `from`, in order. */
  leaves(from: number, limit: number): LeafRecord[];
  leafIndexOf(eventId: string): number | undefined;
  /**
   * Leaves below this are leaf format 1, the rest format 2; undefined for an index made before
   * format 2 (its leaves are all format 1 and it must be migrated with adoptLeafFormat).
   */
  legacyBelow(): number | undefined;
}

export interface MerkleIndex extends MerkleIndexReader {
  /**
   * Adds events of the global log, in position order, as the next leaves, and returns the new size.
   * Events at or before the last indexed position are skipped if indexed already, so a batch
   * delivered twice is harmless. One transaction; inside a caller's transaction, a savepoint.
   */
  append(events: readonly IndexableEvent[]): number;
  /**
   * Fixes where leaf format 2 starts (legacyLeafFormatBelow of the log). On an index made before
   * format 2 this drops the leaves from there on, to be appended again as format 2; returns how
   * many. Refuses a cut-over other than the one already recorded.
   */
  adoptLeafFormat(legacyBelow: number): number;
  /** The position of the last indexed event; 0n when the index is empty (pass as `after`). */
  lastPosition(): bigint;
  leaf(index: number): LeafRecord | undefined;
  /** The leaf of the event at this store position: positions map to leaves only through the index. */
  leafAtPosition(position: bigint): LeafRecord | undefined;
  leafHash(index: number): Buffer;
  inclusionProof(eventId: string, treeSize?: number): InclusionProofResult;
  consistencyProof(size1: number, size2?: number): Buffer[];
  /** Random access to the first `size` leaves, with the stored subtrees, for proofs.ts. */
  source(size?: number): LeafHashSource;
  /** Closes the connection if the index opened it; a connection handed in stays open. */
  close(): void;
}

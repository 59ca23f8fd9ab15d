import { CompactRange } from "../compact-range.js";
import { eventLeafHash, leafFormatAt } from "../leaf.js";
import type { IndexStatements, LeafFormatStatements } from "./statements.js";
import { findLeafOfEvent, leafCount, leafHashes, LeafWriter, readLeaves, truncateLeaves } from "./leaf-store.js";
import { recordCompletedSubtree } from "./subtree-cache.js";
import type { IndexableEvent } from "./types.js";

export interface IndexState {
  range: CompactRange;
  lastPosition: bigint;
}

export function readState(statements: IndexStatements): IndexState {
  const row = statements.state.get();
  if (row === undefined) return { range: new CompactRange(), lastPosition: 0n };
  const range = CompactRange.fromJSON({ size: row.size, hashes: JSON.parse(row.hashes) as unknown });
  return { range, lastPosition: BigInt(row.last_position) };
}

/**
 * Where leaf format 2 starts. A new index starts there (0); an index that has leaves but no
 * recorded cut-over predates format 2 and must be migrated first (adoptLeafFormat).
 */
function legacyBelowForAppend(statements: IndexStatements, format: LeafFormatStatements): number {
  const recorded = format.legacyBelow.get();
  if (recorded !== undefined) return recorded;
  if (leafCount(statements) !== 0) {
    throw new Error(
      "the Merkle index predates leaf format 2: migrate it first (ledger index, or restart the projector)",
    );
  }
  format.setLegacyBelow.run(0);
  return 0;
}

/** The body of MerkleIndex.append; the caller runs it in a transaction. */
export function appendLeaves(
  statements: IndexStatements,
  format: LeafFormatStatements,
  events: readonly IndexableEvent[],
): number {
  if (events.length === 0) return readState(statements).range.size;
  const legacyBelow = legacyBelowForAppend(statements, format);
  const state = readState(statements);
  const { range } = state;
  const keepSubtree = (level: number, index: number, node: Buffer) =>
    recordCompletedSubtree(statements, level, index, node);
  let { lastPosition } = state;
  const writer = new LeafWriter(statements, range.size);
  for (const event of events) {
    if (typeof event.position !== "bigint") throw new TypeError("an indexed event needs a bigint position");
    if (event.position <= lastPosition) {
      // A redelivered event is fine; one the log never had at this place is not.
      if (findLeafOfEvent(statements, event.id, writer.pending())?.position === event.position) continue;
      throw new Error(`event at position ${event.position} comes at or before indexed position ${lastPosition}`);
    }
    const hash = eventLeafHash(event, leafFormatAt(range.size, legacyBelow));
    writer.push(hash, event.position.toString(), event.id);
    range.append(hash, keepSubtree);
    lastPosition = event.position;
  }
  writer.flush();
  const { size, hashes } = range.toJSON();
  statements.saveState.run(size, JSON.stringify(hashes), lastPosition.toString());
  return size;
}

/**
 * Records that leaves below `legacyBelow` are format 1 and the rest format 2. An index made
 * before format 2 hashed every leaf as format 1: the leaves from `legacyBelow` on are dropped,
 * with the stored subtrees that reach them, and the compact range is rebuilt from the leaves kept,
 * so the next catch-up appends them again as format 2. Returns how many leaves were dropped.
 */
export function adoptLeafFormat(
  statements: IndexStatements,
  format: LeafFormatStatements,
  legacyBelow: number,
): number {
  const recorded = format.legacyBelow.get();
  if (recorded !== undefined) {
    if (recorded === legacyBelow) return 0;
    throw new Error(
      `the Merkle index has leaf format 2 from leaf ${recorded}, but the log's last v1 head signs ${legacyBelow} ` +
        "leaves: the index was built for another log; rebuild it",
    );
  }
  const size = leafCount(statements);
  const kept = Math.min(size, legacyBelow);
  const range = new CompactRange();
  for (const hash of leafHashes(statements, kept)) range.append(hash);
  const lastPosition = kept === 0 ? 0n : (readLeafPosition(statements, kept - 1) ?? 0n);
  truncateLeaves(statements, kept);
  statements.dropSubtreesFrom.run(kept);
  const { size: keptSize, hashes } = range.toJSON();
  statements.saveState.run(keptSize, JSON.stringify(hashes), lastPosition.toString());
  format.setLegacyBelow.run(legacyBelow);
  return size - kept;
}

const readLeafPosition = (statements: IndexStatements, leafIndex: number): bigint | undefined =>
  readLeaves(statements, leafIndex, 1)[0]?.position;

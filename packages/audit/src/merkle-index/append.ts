import { CompactRange } from "../compact-range.js";
import { eventLeafHash } from "../leaf.js";
import type { IndexStatements } from "./statements.js";
import { recordCompletedSubtrees } from "./subtree-cache.js";
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

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Error && (error as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE";

/** The body of MerkleIndex.append; the caller runs it in a transaction. */
export function appendLeaves(statements: IndexStatements, events: readonly IndexableEvent[]): number {
  const state = readState(statements);
  const { range } = state;
  let { lastPosition } = state;
  for (const event of events) {
    if (typeof event.position !== "bigint") throw new TypeError("an indexed event needs a bigint position");
    if (event.position <= lastPosition) {
      // A redelivered event is fine; one the log never had at this place is not.
      if (statements.leafOfEvent.get(event.id)?.position === event.position.toString()) continue;
      throw new Error(`event at position ${event.position} comes at or before indexed position ${lastPosition}`);
    }
    const hash = eventLeafHash(event);
    try {
      statements.insertLeaf.run(range.size, event.position.toString(), event.id, hash);
    } catch (error) {
      if (isUniqueViolation(error)) throw new Error(`event ${event.id} is already indexed at another position`);
      throw error;
    }
    range.append(hash);
    lastPosition = event.position;
    recordCompletedSubtrees(statements, range.size);
  }
  const { size, hashes } = range.toJSON();
  statements.saveState.run(size, JSON.stringify(hashes), lastPosition.toString());
  return size;
}

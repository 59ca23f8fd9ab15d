import { HASH_SIZE } from "../hash.js";
import {
  LEAVES_PER_BLOCK,
  blockSize,
  blockStart,
  decodeBlock,
  encodeBlock,
  hashAt,
  idKey,
  recordAt,
  truncateBlock,
  type LeafBlock,
} from "./leaf-blocks.js";
import type { IndexStatements } from "./statements.js";
import type { LeafRecord } from "./types.js";

/** How many leaves the stored blocks hold. */
export const leafCount = (statements: IndexStatements): number => statements.leafCount.get() ?? 0;

export function readBlock(statements: IndexStatements, first: number): LeafBlock | undefined {
  const row = statements.block.get(first);
  return row === undefined ? undefined : decodeBlock(row);
}

/** Up to `limit` leaves from `from`, in order, read a block at a time. */
export function readLeaves(statements: IndexStatements, from: number, limit: number): LeafRecord[] {
  const records: LeafRecord[] = [];
  if (limit <= 0) return records;
  const end = from + limit;
  for (const row of statements.blocks.iterate(blockStart(from), end)) {
    const block = decodeBlock(row);
    const last = Math.min(end, block.first + blockSize(block));
    for (let leaf = Math.max(from, block.first); leaf < last; leaf++) records.push(recordAt(block, leaf));
  }
  return records;
}

/** The leaf of an event at `leafIndex`, if that leaf is the event's (a key may be another id's). */
function leafIfEvent(
  statements: IndexStatements,
  leafIndex: number,
  eventId: string,
  pending: LeafBlock | undefined,
): LeafRecord | undefined {
  const first = blockStart(leafIndex);
  const block = pending?.first === first ? pending : readBlock(statements, first);
  if (block === undefined || leafIndex - first >= blockSize(block)) return undefined;
  return block.eventIds[leafIndex - first] === eventId ? recordAt(block, leafIndex) : undefined;
}

/** The leaf of an event, by its id; `pending` is a block an append holds but has not yet written. */
export function findLeafOfEvent(
  statements: IndexStatements,
  eventId: string,
  pending?: LeafBlock,
): LeafRecord | undefined {
  const keyed = statements.leafOfIdKey.get(idKey(eventId));
  if (keyed === undefined) return undefined;
  const leaf = leafIfEvent(statements, keyed, eventId, pending);
  if (leaf !== undefined) return leaf;
  const collided = statements.leafOfCollision.get(eventId);
  return collided === undefined ? undefined : leafIfEvent(statements, collided, eventId, pending);
}

/**
 * The leaf at a store position. Positions grow with the leaf index but are opaque (not dense on
 * EventStoreDB), so this is a binary search over the blocks, then over the block found.
 */
export function findLeafAtPosition(statements: IndexStatements, position: bigint): LeafRecord | undefined {
  const count = leafCount(statements);
  let lo = 0;
  let hi = Math.ceil(count / LEAVES_PER_BLOCK) - 1;
  let found: LeafBlock | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const block = readBlock(statements, mid * LEAVES_PER_BLOCK);
    if (block === undefined) return undefined;
    if (BigInt(block.positions[0]!) > position) hi = mid - 1;
    else {
      found = block;
      lo = mid + 1;
    }
  }
  if (found === undefined) return undefined;
  const at = found.positions.indexOf(position.toString());
  return at < 0 ? undefined : recordAt(found, found.first + at);
}

/**
 * Appends leaves a block at a time: the last, partial block is read once, filled in memory, and
 * written when full or at flush, so a batch writes each block once. Every leaf's event id goes to
 * `leaf_ids` as it is pushed.
 */
export class LeafWriter {
  #block: LeafBlock;
  #buffer = Buffer.alloc(LEAVES_PER_BLOCK * HASH_SIZE);
  #dirty = false;

  constructor(
    private readonly statements: IndexStatements,
    size: number,
  ) {
    const first = blockStart(size);
    const stored = size === first ? undefined : readBlock(statements, first);
    if (size !== first && (stored === undefined || first + blockSize(stored) !== size)) {
      throw new Error("the Merkle index is damaged: its last block and its size disagree");
    }
    this.#block = stored ?? { first, hashes: Buffer.alloc(0), positions: [], eventIds: [] };
    if (stored) stored.hashes.copy(this.#buffer);
  }

  /** The block being filled, with its leaves so far, for lookups made before it is written. */
  pending(): LeafBlock {
    this.#block.hashes = this.#buffer.subarray(0, this.#block.positions.length * HASH_SIZE);
    return this.#block;
  }

  /**
   * Adds the next leaf. Its id's key is claimed first: when it was free, no indexed event can have
   * the id, so the common case costs one insert and no lookup.
   */
  push(hash: Uint8Array, position: string, eventId: string): void {
    if (hash.length !== HASH_SIZE) throw new TypeError(`a leaf hash must be ${HASH_SIZE} bytes`);
    const count = this.#block.positions.length;
    const leafIndex = this.#block.first + count;
    if (this.statements.insertIdKey.run(idKey(eventId), leafIndex).changes === 0) {
      if (findLeafOfEvent(this.statements, eventId, this.pending()) !== undefined) {
        throw new Error(`event ${eventId} is already indexed at another position`);
      }
      this.statements.insertCollision.run(eventId, leafIndex);
    }
    this.#buffer.set(hash, count * HASH_SIZE);
    this.#block.positions.push(position);
    this.#block.eventIds.push(eventId);
    this.#dirty = true;
    if (count + 1 === LEAVES_PER_BLOCK) {
      this.flush();
      const first = this.#block.first + LEAVES_PER_BLOCK;
      this.#block = { first, hashes: Buffer.alloc(0), positions: [], eventIds: [] };
      this.#buffer = Buffer.alloc(LEAVES_PER_BLOCK * HASH_SIZE);
    }
  }

  /** Writes the block being filled, if anything was added to it. */
  flush(): void {
    if (!this.#dirty) return;
    this.statements.saveBlock.run(...encodeBlock(this.pending()));
    this.#dirty = false;
  }
}

/** Drops the leaves from `from` on, with their event ids; keeps the leaves before it. */
export function truncateLeaves(statements: IndexStatements, from: number): void {
  const first = blockStart(from);
  const partial = from === first ? undefined : readBlock(statements, first);
  statements.dropBlocksFrom.run(first);
  if (partial !== undefined) statements.saveBlock.run(...encodeBlock(truncateBlock(partial, from - first)));
  statements.dropIdKeysFrom.run(from);
  statements.dropCollisionsFrom.run(from);
}

/** Every leaf hash below `end`, in order, a block at a time. */
export function* leafHashes(statements: IndexStatements, end: number): Generator<Buffer> {
  for (const row of statements.blocks.iterate(0, end)) {
    const block = decodeBlock(row);
    const last = Math.min(end, block.first + blockSize(block));
    for (let leaf = block.first; leaf < last; leaf++) yield hashAt(block, leaf);
  }
}

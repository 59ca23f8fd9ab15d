import { HASH_SIZE } from "../hash.js";
import type { BlockRow } from "./schema.js";
import type { LeafRecord } from "./types.js";

/** Leaves per stored block: the schema's CHECKs (leaf_index % 256, at most 8,192 hash bytes) say it too. */
export const LEAVES_PER_BLOCK = 256;

export const blockStart = (leafIndex: number): number => leafIndex - (leafIndex % LEAVES_PER_BLOCK);

/** A block of consecutive leaves, decoded: `hashes` holds HASH_SIZE bytes per leaf, end to end. */
export interface LeafBlock {
  readonly first: number;
  hashes: Buffer;
  positions: string[];
  eventIds: string[];
}

const damaged = (what: string) => new Error(`the Merkle index is damaged: ${what}`);

/** Decodes a stored block, refusing one whose parts disagree on how many leaves it holds. */
export function decodeBlock(row: BlockRow): LeafBlock {
  const count = row.leaf_hashes.length / HASH_SIZE;
  let positions: unknown;
  let eventIds: unknown;
  try {
    positions = JSON.parse(row.positions);
    eventIds = JSON.parse(row.event_ids);
  } catch {
    throw damaged(`the block of leaf ${row.leaf_index} does not parse`);
  }
  const strings = (value: unknown): value is string[] =>
    Array.isArray(value) && value.length === count && value.every((item) => typeof item === "string");
  if (!Number.isInteger(count) || !strings(positions) || !strings(eventIds)) {
    throw damaged(`the block of leaf ${row.leaf_index} holds unequal numbers of hashes, positions and ids`);
  }
  return { first: row.leaf_index, hashes: row.leaf_hashes, positions, eventIds };
}

export const encodeBlock = (block: LeafBlock): [number, Buffer, string, string] => [
  block.first,
  block.hashes,
  JSON.stringify(block.positions),
  JSON.stringify(block.eventIds),
];

export const blockSize = (block: LeafBlock): number => block.positions.length;

export const hashAt = (block: LeafBlock, leafIndex: number): Buffer => {
  const at = (leafIndex - block.first) * HASH_SIZE;
  return block.hashes.subarray(at, at + HASH_SIZE);
};

export function recordAt(block: LeafBlock, leafIndex: number): LeafRecord {
  const at = leafIndex - block.first;
  return {
    leafIndex,
    position: BigInt(block.positions[at]!),
    eventId: block.eventIds[at]!,
    leafHash: Buffer.from(hashAt(block, leafIndex)),
  };
}

/** Keeps the block's first `count` leaves. */
export function truncateBlock(block: LeafBlock, count: number): LeafBlock {
  return {
    first: block.first,
    hashes: block.hashes.subarray(0, count * HASH_SIZE),
    positions: block.positions.slice(0, count),
    eventIds: block.eventIds.slice(0, count),
  };
}

/**
 * The key of an event id in `leaf_ids`: 31 bits of FNV-1a over its UTF-16 code units, small
 * enough for SQLite's 4-byte integers. Not secret and not collision-free: a lookup checks the id
 * it finds, and an id whose key is taken goes to `leaf_id_collisions`.
 */
export function idKey(eventId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < eventId.length; i++) hash = Math.imul(hash ^ eventId.charCodeAt(i), 0x01000193);
  return hash >>> 1;
}

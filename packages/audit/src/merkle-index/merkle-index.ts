import type { Database as Connection } from "better-sqlite3";
import { isSize } from "../bits.js";
import type { LeafHashSource } from "../leaf-source.js";
import { consistencyProof, inclusionProof, merkleRoot } from "../proofs.js";
import { adoptLeafFormat, appendLeaves, readState } from "./append.js";
import { openConnection, type MerkleIndexOptions } from "./open-connection.js";
import { HASH_SIZE } from "../hash.js";
import { blockStart } from "./leaf-blocks.js";
import { findLeafAtPosition, findLeafOfEvent, leafCount, readLeaves } from "./leaf-store.js";
import { convertRowPerLeaf, hasRowPerLeafLayout, rowPerLeafMessage } from "./row-layout.js";
import { MERKLE_INDEX_SCHEMA } from "./schema.js";
import { prepareLeafFormatStatements, prepareStatements, type IndexStatements } from "./statements.js";
import { storedSubtree } from "./subtree-cache.js";
import type { MerkleIndex } from "./types.js";

function prepare(db: Connection, options: MerkleIndexOptions): IndexStatements {
  const rowPerLeaf = hasRowPerLeafLayout(db);
  if (rowPerLeaf && options.readonly) throw new Error(rowPerLeafMessage(db.name));
  if (!options.readonly) db.exec(MERKLE_INDEX_SCHEMA);
  let statements: IndexStatements;
  try {
    statements = prepareStatements(db);
  } catch {
    throw new Error(`${db.name} holds no Merkle index`);
  }
  if (rowPerLeaf) db.transaction(() => convertRowPerLeaf(db, statements))();
  return statements;
}

/**
 * Opens the Merkle index in a file of its own, or in a connection the caller owns (the projector's
 * read-model database), so that appending leaves, read models and a checkpoint commit together.
 * Nothing is cached in memory between calls: if the caller's transaction rolls back, so does the index.
 */
export function openMerkleIndex(target: string | Connection, options: MerkleIndexOptions = {}): MerkleIndex {
  const owned = typeof target === "string";
  const db = owned ? openConnection(target, options) : target;
  const statements = prepare(db, options);
  const size = () => statements.head.get()?.size ?? 0;
  // Both counts from one snapshot: outside a transaction each statement reads its own, and the
  // projector's thread can commit a batch between the two (a reader then saw "damaged").
  const [opened, leaves] = db.transaction(() => [readState(statements).range.size, leafCount(statements)])();
  if (leaves !== opened) {
    if (owned) db.close();
    throw new Error(`the Merkle index in ${db.name} is damaged: its state and its leaves disagree on the size`);
  }

  const source = (treeSize = size()): LeafHashSource => {
    // A proof reads neighbouring leaves, so the block read last serves the next: held by this
    // source only, whose leaves (all below its size) an append never changes.
    let cached: { first: number; hashes: Buffer } | undefined;
    const leafHash = (index: number): Buffer | undefined => {
      if (!(index < treeSize)) return undefined;
      const first = blockStart(index);
      if (cached?.first !== first) {
        const hashes = statements.blockHashes.get(first);
        if (hashes === undefined) return undefined;
        cached = { first, hashes };
      }
      const at = (index - first) * HASH_SIZE;
      return at + HASH_SIZE <= cached.hashes.length ? cached.hashes.subarray(at, at + HASH_SIZE) : undefined;
    };
    return {
      size: treeSize,
      leafHash: (index) => {
        const hash = leafHash(index);
        if (hash === undefined) throw new RangeError(`no leaf ${index} in a tree of ${treeSize}`);
        return hash;
      },
      perfectSubtreeHash: (start, end) => (end <= treeSize ? storedSubtree(statements, start, end) : undefined),
    };
  };

  const checkedSize = (treeSize: number | undefined, name: string): number => {
    const current = size();
    const chosen = treeSize ?? current;
    if (!isSize(chosen) || chosen > current) {
      throw new RangeError(`${name} must be an integer from 0 to the index size ${current}, got ${chosen}`);
    }
    return chosen;
  };

  const format = prepareLeafFormatStatements(db);
  const writableFormat = () => {
    if (format === undefined) throw new Error(`${db.name} was opened read-only and has no leaf-format table`);
    return format;
  };
  const append = db.transaction((events: Parameters<MerkleIndex["append"]>[0]) =>
    appendLeaves(statements, writableFormat(), events),
  );
  const adopt = db.transaction((legacyBelow: number) => adoptLeafFormat(statements, writableFormat(), legacyBelow));

  return {
    append: (events) => append(events),
    legacyBelow: () => format?.legacyBelow.get(),
    adoptLeafFormat: (legacyBelow) => {
      if (!isSize(legacyBelow)) throw new RangeError("legacyBelow must be a non-negative integer");
      return adopt(legacyBelow);
    },
    size,
    lastPosition: () => BigInt(statements.head.get()?.last_position ?? 0),
    root: (treeSize) => {
      const { range } = readState(statements);
      if (treeSize === undefined || treeSize === range.size) return range.root();
      return merkleRoot(source(range.size), checkedSize(treeSize, "size"));
    },
    leaf: (index) => readLeaves(statements, index, 1)[0],
    leafAtPosition: (position) => findLeafAtPosition(statements, position),
    leafHash: (index) => Buffer.from(source().leafHash(index)),
    leaves: (from, limit) => readLeaves(statements, from, limit),
    leafIndexOf: (eventId) => findLeafOfEvent(statements, eventId)?.leafIndex,
    inclusionProof: (eventId, treeSize) => {
      const leaf = findLeafOfEvent(statements, eventId);
      if (leaf === undefined) throw new RangeError(`event ${eventId} is not in the index`);
      const chosen = checkedSize(treeSize, "treeSize");
      if (leaf.leafIndex >= chosen) {
        throw new RangeError(`event ${eventId} is leaf ${leaf.leafIndex}, outside a tree of ${chosen} leaves`);
      }
      const proof = inclusionProof(source(chosen), leaf.leafIndex, chosen);
      return { leafIndex: leaf.leafIndex, treeSize: chosen, leafHash: leaf.leafHash, proof };
    },
    consistencyProof: (size1, size2) => {
      const chosen = checkedSize(size2, "size2");
      return consistencyProof(source(chosen), size1, chosen);
    },
    source: (treeSize) => source(checkedSize(treeSize, "size")),
    close: () => {
      if (owned) db.close();
    },
  };
}

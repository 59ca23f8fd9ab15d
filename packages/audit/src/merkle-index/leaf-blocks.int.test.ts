import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { eventLeafHash, LEAF_FORMAT } from "../leaf.js";
import { arraySource } from "../leaf-source.js";
import { consistencyProof, inclusionProof, merkleRoot } from "../proofs.js";
import { logEvents } from "../testing/events.testkit.js";
import { tamper } from "../testing/ledger.testkit.js";
import { idKey, LEAVES_PER_BLOCK } from "./leaf-blocks.js";
import { openMerkleIndex } from "./merkle-index.js";
import type { IndexableEvent } from "./types.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-leaf-blocks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(dir, `index-${++files}.db`);

const count = (file: string, table: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], number>(`SELECT COUNT(*) FROM ${table}`).pluck().get()!;
  } finally {
    db.close();
  }
};

/** Two ids of the same key in `leaf_ids`: a birthday search over UUID-shaped ids. */
function collidingIds(): [string, string] {
  const seen = new Map<number, string>();
  for (let n = 0; ; n++) {
    const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
    const other = seen.get(idKey(id));
    if (other !== undefined) return [other, id];
    seen.set(idKey(id), id);
  }
}

const sameProofs = (file: string, events: readonly IndexableEvent[]) => {
  const memory = arraySource(events.map((event) => eventLeafHash(event)));
  const index = openMerkleIndex(file, { readonly: true });
  try {
    expect(index.size()).toBe(events.length);
    expect(index.root()).toEqual(merkleRoot(memory));
    for (const leafIndex of [0, 255, 256, 300, events.length - 1]) {
      expect(index.inclusionProof(events[leafIndex]!.id).proof).toEqual(inclusionProof(memory, leafIndex));
      expect(index.leafAtPosition(events[leafIndex]!.position)?.leafIndex).toBe(leafIndex);
    }
    expect(index.consistencyProof(300)).toEqual(consistencyProof(memory, 300));
    expect(index.leaves(250, 10).map((leaf) => leaf.eventId)).toEqual(events.slice(250, 260).map((e) => e.id));
  } finally {
    index.close();
  }
};

describe("the Merkle index's leaves, stored in blocks", () => {
  it("writes a row per block of 256 leaves and a small integer-keyed row per event id", () => {
    const file = freshFile();
    const events = logEvents(1_100);
    const index = openMerkleIndex(file);
    for (let from = 0; from < events.length; from += 170) index.append(events.slice(from, from + 170));
    index.close();
    expect(count(file, "leaf_blocks")).toBe(Math.ceil(1_100 / LEAVES_PER_BLOCK));
    expect(count(file, "leaf_ids") + count(file, "leaf_id_collisions")).toBe(1_100);
    sameProofs(file, events);
  });

  it("finds events whose ids share a key, refuses either again elsewhere, and skips either redelivered", () => {
    const [first, second] = collidingIds();
    expect(idKey(first)).toBe(idKey(second));
    const events = logEvents(600).map((event, i) =>
      i === 10 ? { ...event, id: first } : i === 400 ? { ...event, id: second } : event,
    );
    const file = freshFile();
    const index = openMerkleIndex(file);
    index.append(events.slice(0, 300));
    index.append(events.slice(300));
    expect(index.leafIndexOf(first)).toBe(10);
    expect(index.leafIndexOf(second)).toBe(400);
    expect(count(file, "leaf_id_collisions")).toBe(1);
    // Redelivered: skipped, in a batch of their own and amid new events.
    expect(index.append([events[10]!, events[400]!])).toBe(600);
    const next = logEvents(2, 600);
    expect(index.append([events[599]!, ...next])).toBe(602);
    for (const id of [first, second]) {
      const again = { ...logEvents(1, 700)[0]!, id };
      expect(() => index.append([again])).toThrow(/already indexed at another position/);
    }
    // Within one batch, an id of the batch's own block is found before the block is written.
    const [a, b] = logEvents(2, 800);
    expect(() => index.append([a!, { ...b!, id: a!.id }])).toThrow(/already indexed at another position/);
    expect(index.size()).toBe(602);
    index.close();
    sameProofs(file, [...events, ...next]);
  });

  it("finds leaves by position across blocks when positions are sparse", () => {
    const events = logEvents(700).map((event, i) => ({ ...event, position: BigInt(1_000 + i * 7) }));
    const index = openMerkleIndex(freshFile());
    index.append(events);
    for (const leafIndex of [0, 1, 255, 256, 511, 512, 699]) {
      expect(index.leafAtPosition(events[leafIndex]!.position)?.eventId).toBe(events[leafIndex]!.id);
    }
    for (const position of [1n, 999n, 1_001n, 1_000n + 256n * 7n + 3n, 1_000n + 700n * 7n]) {
      expect(index.leafAtPosition(position)).toBeUndefined();
    }
    index.close();
  });

  it("drops leaves from inside a block when it adopts a leaf-format cut-over, and appends them again", () => {
    const file = freshFile();
    const events = logEvents(600);
    const legacy = openMerkleIndex(file);
    legacy.adoptLeafFormat(Number.MAX_SAFE_INTEGER);
    legacy.append(events);
    legacy.close();
    tamper(file, (db) => db.exec("DROP TABLE merkle_leaf_format"));
    const index = openMerkleIndex(file);
    expect(index.adoptLeafFormat(300)).toBe(300);
    expect(index.size()).toBe(300);
    expect(index.leafIndexOf(events[299]!.id)).toBe(299);
    expect(index.leafIndexOf(events[300]!.id)).toBeUndefined();
    expect(index.append(events.slice(300))).toBe(600);
    const hashes = events.map((event, i) => eventLeafHash(event, i < 300 ? LEAF_FORMAT.v1 : LEAF_FORMAT.v2));
    expect(index.root()).toEqual(merkleRoot(arraySource(hashes)));
    expect(index.inclusionProof(events[450]!.id).proof).toEqual(inclusionProof(arraySource(hashes), 450));
    index.close();
  });
});

describe("an index file in the row-per-leaf layout of earlier versions", () => {
  /** The layout before decisions/0042, as that code wrote it, holding the leaves of `events`. */
  function rowPerLeafIndex(events: readonly IndexableEvent[]): string {
    const file = freshFile();
    const index = openMerkleIndex(file);
    index.append(events);
    const leaves = index.leaves(0, events.length);
    index.close();
    tamper(file, (db) => {
      db.exec(`
        CREATE TABLE leaves (
          leaf_index INTEGER PRIMARY KEY,
          position   TEXT    NOT NULL,
          event_id   TEXT    NOT NULL UNIQUE,
          leaf_hash  BLOB    NOT NULL CHECK (length(leaf_hash) = 32)
        );
        CREATE INDEX leaves_by_position ON leaves (position);
        DROP TABLE leaf_blocks; DROP TABLE leaf_ids; DROP TABLE leaf_id_collisions;`);
      const insert = db.prepare("INSERT INTO leaves VALUES (?, ?, ?, ?)");
      for (const leaf of leaves) insert.run(leaf.leafIndex, String(leaf.position), leaf.eventId, leaf.leafHash);
    });
    return file;
  }

  it("is refused read-only with what to do, and converted when opened for writing, every root and proof kept", () => {
    const events = logEvents(700);
    const file = rowPerLeafIndex(events.slice(0, 600));
    expect(() => openMerkleIndex(file, { readonly: true })).toThrow(/row-per-leaf layout.*ledger index/);
    const index = openMerkleIndex(file);
    expect(index.size()).toBe(600);
    expect(index.append(events.slice(600))).toBe(700);
    index.close();
    expect(count(file, "leaf_blocks")).toBe(3);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'leaves%'").all()).toEqual([]);
    db.close();
    sameProofs(file, events);
  });

  it("with a leaf missing is refused as damaged, and left as it was", () => {
    const file = rowPerLeafIndex(logEvents(20));
    tamper(file, (db) => db.exec("DELETE FROM leaves WHERE leaf_index = 7"));
    expect(() => openMerkleIndex(file)).toThrow(/damaged: leaf 7 is missing/);
    expect(count(file, "leaves")).toBe(19);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { CompactRange } from "../compact-range.js";
import { eventLeafHash, leafBytes } from "../leaf.js";
import { arraySource } from "../leaf-source.js";
import { consistencyProof, inclusionProof, merkleRoot } from "../proofs.js";
import { logEvents } from "../testing/events.testkit.js";
import { naiveMth } from "../testing/naive-mth.testkit.js";
import { verifyConsistency, verifyInclusion } from "../verify.js";
import { openMerkleIndex } from "./merkle-index.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-merkle-index-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(dir, `index-${++files}.db`);

const events = logEvents(1100);
const hashes = events.map((event) => eventLeafHash(event));
const memory = arraySource(hashes);

describe("the Merkle index", () => {
  it("opens on one snapshot, so a batch another connection commits meanwhile is no damage", () => {
    const file = freshFile();
    const writer = openMerkleIndex(file);
    writer.append(events.slice(0, 10));
    const db = new Database(file, { readonly: true });
    // Between the open's read of its state and its count of leaves, the writer commits 10 more.
    let interleaved = false;
    const forward = <T extends object>(target: T, key: string | symbol) => {
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    };
    const racing = new Proxy(db, {
      get(target, key) {
        if (key !== "prepare") return forward(target, key);
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (!sql.includes("FROM merkle_state") || !sql.includes("hashes")) return statement;
          return new Proxy(statement, {
            get(real, name) {
              if (name !== "get") return forward(real, name);
              return (...args: unknown[]) => {
                const row: unknown = real.get(...args);
                if (!interleaved) {
                  interleaved = true;
                  writer.append(events.slice(10, 20));
                }
                return row;
              };
            },
          });
        };
      },
    });
    const index = openMerkleIndex(racing, { readonly: true });
    expect(interleaved).toBe(true);
    expect(index.size()).toBe(20);
    expect(index.root()).toEqual(merkleRoot(memory, 20));
    db.close();
    writer.close();
  });

  it("gives, for sizes 1 to 50, the roots of CompactRange and of the RFC 6962 definition", () => {
    const index = openMerkleIndex(freshFile());
    const range = new CompactRange();
    for (let n = 1; n <= 50; n++) {
      expect(index.append([events[n - 1]!])).toBe(n);
      range.append(hashes[n - 1]!);
      expect(index.root()).toEqual(range.root());
      expect(index.root()).toEqual(naiveMth(events.slice(0, n).map((event) => leafBytes(event))));
    }
    for (let n = 0; n <= 50; n++) expect(index.root(n)).toEqual(merkleRoot(memory, n));
    index.close();
  });

  it("gives proofs, for every leaf and pair of sizes up to 50, that verify.ts accepts", () => {
    const index = openMerkleIndex(freshFile());
    index.append(events.slice(0, 50));
    for (let treeSize = 1; treeSize <= 50; treeSize++) {
      const root = index.root(treeSize);
      for (let leafIndex = 0; leafIndex < treeSize; leafIndex++) {
        const proof = index.inclusionProof(events[leafIndex]!.id, treeSize);
        expect(proof).toMatchObject({ leafIndex, treeSize, leafHash: hashes[leafIndex] });
        expect(verifyInclusion({ ...proof, root })).toBe(true);
      }
      for (let size1 = 1; size1 <= treeSize; size1++) {
        const proof = index.consistencyProof(size1, treeSize);
        expect(verifyConsistency({ size1, size2: treeSize, root1: index.root(size1), root2: root, proof })).toBe(true);
      }
    }
    index.close();
  });

  it("keeps subtrees of 256 leaves and up, and its roots and proofs match the in-memory ones", () => {
    const file = freshFile();
    const index = openMerkleIndex(file);
    // Uneven batches, so blocks complete inside, at the end of, and across batches.
    for (const [from, to] of [
      [0, 3],
      [3, 256],
      [256, 700],
      [700, 1024],
      [1024, 1100],
    ] as const) {
      index.append(events.slice(from, to));
    }
    const db = new Database(file, { readonly: true });
    const levels = db.prepare("SELECT level, COUNT(*) AS n FROM merkle_subtrees GROUP BY level").all();
    db.close();
    expect(levels).toEqual([
      { level: 8, n: 4 },
      { level: 9, n: 2 },
      { level: 10, n: 1 },
    ]);
    for (const size of [1, 255, 256, 257, 511, 512, 513, 768, 1000, 1023, 1024, 1025, 1100]) {
      expect(index.root(size)).toEqual(merkleRoot(memory, size));
      for (const leafIndex of [0, 1, 255, 256, 600, size - 1].filter((i) => i < size)) {
        const { proof } = index.inclusionProof(events[leafIndex]!.id, size);
        expect(proof).toEqual(inclusionProof(memory, leafIndex, size));
      }
      for (const size1 of [1, 256, 300, 1024].filter((s) => s <= size)) {
        expect(index.consistencyProof(size1, size)).toEqual(consistencyProof(memory, size1, size));
      }
    }
    index.close();
  });

  it("survives a reopen, and carries on where it left off", () => {
    const file = freshFile();
    const first = openMerkleIndex(file);
    first.append(events.slice(0, 300));
    const root = first.root();
    first.close();
    const again = openMerkleIndex(file);
    expect(again.size()).toBe(300);
    expect(again.lastPosition()).toBe(300n);
    expect(again.root()).toEqual(root);
    expect(again.leaf(299)).toEqual({
      leafIndex: 299,
      position: 300n,
      eventId: events[299]!.id,
      leafHash: hashes[299],
    });
    again.append(events.slice(300, 600));
    expect(again.root()).toEqual(merkleRoot(memory, 600));
    again.close();
    const reader = openMerkleIndex(file, { readonly: true });
    expect(reader.root(300)).toEqual(root);
    expect(reader.leafIndexOf(events[450]!.id)).toBe(450);
    expect(() => reader.append(events.slice(600, 601))).toThrow(/readonly/);
    reader.close();
  });

  it("skips events delivered again, and refuses one out of order or indexed elsewhere, all or nothing", () => {
    const index = openMerkleIndex(freshFile());
    index.append(events.slice(0, 10));
    expect(index.append(events.slice(5, 12))).toBe(12);
    const stranger = { ...events[20]!, position: 3n };
    expect(() => index.append([events[12]!, stranger])).toThrow(/position 3 comes at or before indexed position 13/);
    const twice = { ...events[2]!, position: 14n };
    expect(() => index.append([events[12]!, twice])).toThrow(/already indexed at another position/);
    expect(index.size()).toBe(12);
    expect(index.root()).toEqual(merkleRoot(memory, 12));
    index.close();
  });

  it("runs inside a caller's transaction on a caller's connection, and rolls back with it", () => {
    const file = freshFile();
    const db = new Database(file);
    db.exec("CREATE TABLE checkpoint (position TEXT)");
    const index = openMerkleIndex(db);
    const apply = db.transaction((batch: typeof events, fail: boolean) => {
      index.append(batch);
      db.prepare("INSERT INTO checkpoint VALUES (?)").run(String(batch.at(-1)!.position));
      if (fail) throw new Error("projection failed");
    });
    apply(events.slice(0, 5), false);
    expect(() => apply(events.slice(5, 9), true)).toThrow(/projection failed/);
    expect(index.size()).toBe(5);
    expect(index.root()).toEqual(merkleRoot(memory, 5));
    expect(index.lastPosition()).toBe(5n);
    index.close();
    expect(db.open).toBe(true);
    expect(db.prepare("SELECT COUNT(*) AS n FROM checkpoint").get()).toEqual({ n: 1 });
    db.close();
  });

  it("refuses a missing file when read-only, a file that is no index, and a damaged index", () => {
    expect(() => openMerkleIndex(join(dir, "absent.db"), { readonly: true })).toThrow();
    const other = freshFile();
    new Database(other).exec("CREATE TABLE unrelated (x)");
    expect(() => openMerkleIndex(other, { readonly: true })).toThrow(/holds no Merkle index/);
    const damaged = freshFile();
    openMerkleIndex(damaged).append(events.slice(0, 4));
    // The last leaf cut from its block: the blocks hold 3 leaves, the state says 4.
    new Database(damaged).exec(
      "UPDATE leaf_blocks SET leaf_hashes = substr(leaf_hashes, 1, 96), positions = json_remove(positions, '$[3]'), event_ids = json_remove(event_ids, '$[3]')",
    );
    expect(() => openMerkleIndex(damaged)).toThrow(/damaged/);
  });

  it("explains a proof it cannot give", () => {
    const index = openMerkleIndex(freshFile());
    index.append(events.slice(0, 8));
    expect(() => index.inclusionProof(events[9]!.id)).toThrow(/not in the index/);
    expect(() => index.inclusionProof(events[6]!.id, 5)).toThrow(/leaf 6, outside a tree of 5/);
    expect(() => index.inclusionProof(events[6]!.id, 9)).toThrow(RangeError);
    expect(() => index.consistencyProof(0, 8)).toThrow(RangeError);
    expect(() => index.root(9)).toThrow(RangeError);
    index.close();
  });
});

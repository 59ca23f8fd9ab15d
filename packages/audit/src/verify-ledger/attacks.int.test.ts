import type { LedgerHeadSigned } from "@relief-ledger/domain";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { tempDirForFile } from "@relief-ledger/event-store/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { openMerkleIndex } from "../merkle-index/merkle-index.js";
import { signHead } from "../signing/tree-head.js";
import { publicKeysById } from "../signing/public-key.js";
import { buildLedger, copyLedger, tamper, type BuiltLedger } from "../testing/ledger.testkit.js";
import { verifyLedger } from "./verify-ledger.js";

// The attacks of issue 11 that `ledger verify` used to pass, each on a copy of a real ledger.
const dir = tempDirForFile("ledger-attacks").path;
let ledger: BuiltLedger;
let copies = 0;
beforeAll(async () => {
  ledger = await buildLedger(dir);
});

async function verifyCopy(
  change: (storeFile: string) => void,
  options: { withIndex: boolean; trustedHeads?: LedgerHeadSigned[] },
) {
  const files = copyLedger(ledger, dir, `attack-${++copies}`);
  change(files.storeFile);
  // The attacks edit rows by the file's own positions, so the copy is read with them (as tamper tests do).
  const store = openSqliteEventStore({ file: files.storeFile, readonly: true, positions: "dense" });
  const index = options.withIndex ? openMerkleIndex(files.indexFile, { readonly: true }) : undefined;
  try {
    return await verifyLedger({
      store,
      publicKeys: publicKeysById([ledger.key.publicKey]),
      trustedHeads: options.trustedHeads ?? [],
      ...(index && { index }),
      pageSize: 64,
    });
  } finally {
    index?.close();
    await store.close();
  }
}

const at = (position: number) => ledger.events[position - 1]!;
const lastHead = () => ledger.heads.at(-1)!;

describe("attacks that verify used to pass", () => {
  it("editing an event's metadata (the recorded principal) is found, with and without the index", async () => {
    const p = 40;
    const editPrincipal = (file: string) =>
      tamper(file, (db) =>
        db
          .prepare("UPDATE events SET metadata = ? WHERE position = ?")
          .run(JSON.stringify({ principal: { role: "admin", keyId: "k-forged" } }), p),
      );
    const withIndex = await verifyCopy(editPrincipal, { withIndex: true });
    expect(withIndex.problems[0]).toMatchObject({ kind: "altered", position: BigInt(p), eventId: at(p).id });
    const withoutIndex = await verifyCopy(editPrincipal, { withIndex: false });
    expect(withoutIndex.ok).toBe(false);
    expect(withoutIndex.problems[0]).toMatchObject({ kind: "altered", range: { from: 0 } });
  });

  it("an event inserted after the last signed head is named with the index, and the tail is reported unprotected", async () => {
    const signed = lastHead().head.treeSize;
    const p = Number(lastHead().position) + 3;
    const insert = (file: string) =>
      tamper(file, (db) =>
        db.transaction(() => {
          // Make room at p, as an attacker renumbering the rows would.
          db.prepare("UPDATE events SET position = -position WHERE position >= ?").run(p);
          db.prepare("UPDATE events SET position = 1 - position WHERE position < 0").run();
          db.prepare(
            `INSERT INTO events (position, stream, revision, event_id, type, data, metadata, recorded_at)
             VALUES (?, 'cbo-inserted', 0, '99999999-9999-4999-8999-999999999999', 'KitDistributed', '{}', '{}', ?)`,
          ).run(p, at(p).recordedAt);
        })(),
      );
    const withIndex = await verifyCopy(insert, { withIndex: true });
    expect(withIndex.problems[0]).toMatchObject({ position: BigInt(p), leafIndex: p - 1 });
    expect(withIndex.problems[0]!.message).toContain("99999999-9999-4999-8999-999999999999");
    const withoutIndex = await verifyCopy(insert, { withIndex: false });
    // Nothing signed covers the tail, so nothing can prove it changed: it is reported as unprotected.
    expect(withoutIndex.ok).toBe(true);
    const count = ledger.events.length + 1 - signed;
    expect(withoutIndex.unprotected).toEqual({
      count,
      firstPosition: BigInt(signed + 1),
      lastPosition: BigInt(ledger.events.length + 1),
    });
  });

  it("rewriting an event, deleting the later heads and renumbering is named to the event against a kept head", async () => {
    const [first, second] = ledger.heads as [(typeof ledger.heads)[0], (typeof ledger.heads)[0]];
    // The head an auditor kept from /v1/audit/head: the whole log as it was.
    const index = openMerkleIndex(ledger.indexFile, { readonly: true });
    const size = index.size();
    const kept = signHead({ treeSize: size, rootHash: index.root(size) }, ledger.key, "test.example/ledger");
    index.close();
    const p = first.head.treeSize + 20;
    const rewrite = (file: string) =>
      tamper(file, (db) =>
        db.transaction(() => {
          db.prepare("UPDATE events SET data = ? WHERE position = ?").run('{"n":0,"note":"rewritten"}', p);
          db.prepare("DELETE FROM events WHERE event_id = ?").run(second.eventId);
          db.prepare("UPDATE events SET position = -(position - 1) WHERE position > ?").run(second.position);
          db.prepare("UPDATE events SET position = -position WHERE position < 0").run();
        })(),
      );
    const withIndex = await verifyCopy(rewrite, { withIndex: true, trustedHeads: [kept] });
    expect(withIndex.problems[0]).toMatchObject({ kind: "altered", position: BigInt(p), eventId: at(p).id });
    const withoutIndex = await verifyCopy(rewrite, { withIndex: false, trustedHeads: [kept] });
    expect(withoutIndex.ok).toBe(false);
    // Without the index: located to the leaves after the last head that still matches.
    expect(withoutIndex.problems[0]).toMatchObject({ range: { from: first.head.treeSize, to: size } });
    expect(withoutIndex.problems.map((problem) => problem.kind)).not.toContain("truncated");
  });
});

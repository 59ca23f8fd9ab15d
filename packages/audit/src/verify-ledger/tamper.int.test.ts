import { rmSync } from "node:fs";
import type { LedgerHeadSigned } from "@relief-ledger/domain";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { tempDirForFile } from "@relief-ledger/event-store/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { catchUpIndex } from "../merkle-index/catch-up.js";
import { openMerkleIndex } from "../merkle-index/merkle-index.js";
import { publicKeysById } from "../signing/public-key.js";
import { generateSigningKeyPem, signingKeyFromPem } from "../signing/signing-key.js";
import { signHead } from "../signing/tree-head.js";
import { buildLedger, copyLedger, tamper, type BuiltLedger } from "../testing/ledger.testkit.js";
import type { VerifyLedgerResult } from "./types.js";
import { verifyLedger } from "./verify-ledger.js";

const dir = tempDirForFile("ledger-tamper").path;
let ledger: BuiltLedger;
let copies = 0;
beforeAll(async () => {
  ledger = await buildLedger(dir);
});

interface Runs {
  withIndex: VerifyLedgerResult;
  withoutIndex: VerifyLedgerResult;
}

/** Tampers with a copy of the ledger, then verifies it with and without the index. */
async function verifyTampered(
  change: (files: { storeFile: string; indexFile: string }) => void | Promise<void>,
  trustedHeads: LedgerHeadSigned[] = [],
): Promise<Runs> {
  const files = copyLedger(ledger, dir, `copy-${++copies}`);
  await change(files);
  const publicKeys = publicKeysById([ledger.key.publicKey]);
  const run = async (withIndex: boolean) => {
    const store = openSqliteEventStore({ file: files.storeFile, readonly: true, positions: "dense" });
    const index = withIndex ? openMerkleIndex(files.indexFile, { readonly: true }) : undefined;
    try {
      return await verifyLedger({ store, publicKeys, trustedHeads, ...(index && { index }), pageSize: 64 });
    } finally {
      index?.close();
      await store.close();
    }
  };
  return { withIndex: await run(true), withoutIndex: await run(false) };
}

const at = (position: number) => ledger.events[position - 1]!;
const sizes = () => ledger.heads.map(({ head }) => head.treeSize) as [number, number];
const headPositions = () => ledger.heads.map(({ position }) => Number(position)) as [number, number];

/** One byte of the event's data changes, and it is still valid JSON. */
const changeOneByte = (position: number) => (files: { storeFile: string }) =>
  tamper(files.storeFile, (db) => {
    const { data } = db.prepare("SELECT data FROM events WHERE position = ?").get(position) as { data: string };
    const at = data.indexOf("kit ") + 1;
    const changed = data.slice(0, at) + (data[at] === "i" ? "o" : "i") + data.slice(at + 1);
    db.prepare("UPDATE events SET data = ? WHERE position = ?").run(changed, position);
  });

/** A problem found at log position p (leaf p - 1), by kind; with the index it names the event too. */
const located = (kind: string, p: number) => ({ kind, position: BigInt(p), leafIndex: p - 1 });
const locatedEvent = (kind: string, p: number) => ({ ...located(kind, p), eventId: at(p).id });

describe("verifyLedger on a real SQLite ledger", () => {
  it("builds a ledger of several hundred events over several streams, with two signed heads", () => {
    const [s1, s2] = sizes();
    const [h1, h2] = headPositions();
    expect(ledger.events.length).toBeGreaterThan(300);
    expect(new Set(ledger.events.map((e) => e.stream)).size).toBeGreaterThan(5);
    expect([h1, h2]).toEqual([s1 + 1, s2 + 1]);
    expect(ledger.events.length).toBeGreaterThan(h2 + 10);
  });

  it("finds nothing wrong with the untouched ledger, with or without the index", async () => {
    const { withIndex, withoutIndex } = await verifyTampered(() => undefined);
    for (const result of [withIndex, withoutIndex]) {
      expect(result).toMatchObject({ ok: true, problems: [], problemCount: 0, headsChecked: 2, headsVerified: 2 });
      expect(result.eventsChecked).toBe(ledger.events.length);
      expect(result.signedSize).toBe(sizes()[1]);
    }
    expect(withIndex).toMatchObject({ indexSize: ledger.events.length, unindexedEvents: 0 });
  });

  it("locates one changed byte of an event's data: exactly with the index, to the signed range without", async () => {
    const [s1, s2] = sizes();
    for (const [p, from, to] of [
      [40, 0, s1],
      [s1 + 20, s1, s2],
    ] as const) {
      const { withIndex, withoutIndex } = await verifyTampered(changeOneByte(p));
      expect(withIndex.ok).toBe(false);
      expect(withIndex.problems[0]).toMatchObject(locatedEvent("altered", p));
      expect(withoutIndex.ok).toBe(false);
      expect(withoutIndex.problems[0]).toMatchObject({ kind: "altered", range: { from, to }, leafIndex: from });
      expect(withoutIndex.problems[0]!.position).toBe(BigInt(from + 1));
      expect(withoutIndex.problems[0]!.message).toMatch(new RegExp(`leaves ${from} to ${to - 1} `));
    }
  });

  it("catches a change after the last signed head only through the index", async () => {
    const p = headPositions()[1] + 5;
    const { withIndex, withoutIndex } = await verifyTampered(changeOneByte(p));
    expect(withIndex.problems[0]).toMatchObject(located("altered", p));
    expect(withoutIndex.ok).toBe(true);
  });

  it("locates an event whose stored JSON no longer parses", async () => {
    const p = 77;
    const { withIndex, withoutIndex } = await verifyTampered((files) =>
      tamper(files.storeFile, (db) =>
        db.prepare("UPDATE events SET data = substr(data, 1, length(data) - 1) WHERE position = ?").run(p),
      ),
    );
    expect(withIndex.problems[0]).toMatchObject(locatedEvent("altered", p));
    expect(withoutIndex.problems[0]).toMatchObject(located("altered", p));
    expect(withIndex.eventsChecked).toBe(ledger.events.length);
  });

  it("locates a deleted event", async () => {
    const p = sizes()[0] + 33;
    const { withIndex, withoutIndex } = await verifyTampered((files) =>
      tamper(files.storeFile, (db) => db.prepare("DELETE FROM events WHERE position = ?").run(p)),
    );
    expect(withIndex.problems[0]).toMatchObject(locatedEvent("missing", p));
    expect(withoutIndex.problems[0]).toMatchObject(located("missing", p));
    // The signed range that held it no longer matches either.
    expect(
      withoutIndex.problems.some((problem) => problem.kind === "altered" && problem.range?.to === sizes()[1]),
    ).toBe(true);
  });

  it("locates two events of one stream that swapped places, whole rows or only data, stream and revision", async () => {
    const stream = at(30).stream;
    const [a, b] = ledger.events.filter((e) => e.stream === stream && e.position >= 30n).map((e) => Number(e.position));
    expect(b! - a!).toBeGreaterThan(1);
    const swap = (columns: string[]) => (files: { storeFile: string }) =>
      tamper(files.storeFile, (db) => {
        const select = db.prepare(`SELECT ${columns.join(", ")} FROM events WHERE position = ?`);
        const rowA = select.get(a) as Record<string, unknown>;
        const rowB = select.get(b) as Record<string, unknown>;
        const set = columns.map((column) => `${column} = @${column}`).join(", ");
        const update = db.prepare(`UPDATE events SET ${set} WHERE position = @position`);
        db.transaction(() => {
          // Out of the way first: (stream, revision) and event_id are unique.
          const moving = columns.includes("event_id") ? ", event_id = 'moving'" : "";
          db.prepare(`UPDATE events SET revision = -1${moving} WHERE position = ?`).run(a);
          update.run({ ...rowA, position: b });
          update.run({ ...rowB, position: a });
        })();
      });
    const whole = await verifyTampered(
      swap(["stream", "revision", "event_id", "type", "data", "metadata", "recorded_at"]),
    );
    for (const result of [whole.withIndex, whole.withoutIndex]) {
      expect(result.problems[0]).toMatchObject({ ...located("reordered", a!), eventId: at(b!).id });
    }
    const contents = await verifyTampered(swap(["data", "stream", "revision"]));
    for (const result of [contents.withIndex, contents.withoutIndex]) {
      expect(result.problems[0]).toMatchObject(locatedEvent("reordered", a!));
    }
  });

  it("locates events of different streams that swapped places, through the index", async () => {
    const [a, b] = [101, 102];
    expect(at(a).stream).not.toBe(at(b).stream);
    const { withIndex } = await verifyTampered((files) =>
      tamper(files.storeFile, (db) => {
        db.exec(`UPDATE events SET position = -1 WHERE position = ${a}`);
        db.exec(`UPDATE events SET position = ${a} WHERE position = ${b}`);
        db.exec(`UPDATE events SET position = ${b} WHERE position = -1`);
      }),
    );
    expect(withIndex.problems[0]).toMatchObject({ ...located("reordered", a), eventId: at(b).id });
  });

  it("catches a tail cut off after the last signed head through the index", async () => {
    const cut = headPositions()[1] + 3;
    const { withIndex, withoutIndex } = await verifyTampered((files) =>
      tamper(files.storeFile, (db) => db.prepare("DELETE FROM events WHERE position > ?").run(cut)),
    );
    expect(withIndex.problems[0]).toMatchObject({
      kind: "truncated",
      position: BigInt(cut + 1),
      eventId: at(cut + 1).id,
      leafIndex: cut,
    });
    // The store alone cannot tell a cut-off tail from a log that was never longer.
    expect(withoutIndex.ok).toBe(true);
  });

  it("catches a tail cut off inside a signed range, head included, through the index or a head kept aside", async () => {
    const [, s2] = sizes();
    const cut = s2 - 30;
    const kept = ledger.heads[1]!.head;
    const { withIndex, withoutIndex } = await verifyTampered(
      (files) => tamper(files.storeFile, (db) => db.prepare("DELETE FROM events WHERE position > ?").run(cut)),
      [kept],
    );
    expect(withIndex.problems[0]).toMatchObject({
      kind: "truncated",
      position: BigInt(cut + 1),
      eventId: at(cut + 1).id,
      leafIndex: cut,
    });
    // Without the index: located to the leaves after the last head that still matches.
    const [s1] = sizes();
    expect(withoutIndex.problems[0]).toMatchObject({ kind: "missing", leafIndex: s1, range: { from: s1, to: s2 } });
  });

  it("names a signed head whose rootHash or signature was replaced, or that another key signed", async () => {
    const { position, eventId, head } = ledger.heads[0]!;
    const attacker = signingKeyFromPem(generateSigningKeyPem());
    const replacements: [string, object][] = [
      ["forged-head", { ...head, rootHash: "ab".repeat(32) }],
      ["forged-head", { ...head, signature: "cd".repeat(64) }],
      ["forged-head", { ...head, treeSize: head.treeSize - 1 }],
      ["unknown-key", signHead({ treeSize: head.treeSize, rootHash: "ab".repeat(32) }, attacker)],
    ];
    for (const [kind, data] of replacements) {
      const runs = await verifyTampered((files) =>
        tamper(files.storeFile, (db) =>
          db.prepare("UPDATE events SET data = ? WHERE event_id = ?").run(JSON.stringify(data), eventId),
        ),
      );
      for (const result of [runs.withIndex, runs.withoutIndex]) {
        expect(result.problems[0]).toMatchObject({ kind, position, eventId, leafIndex: Number(position) - 1 });
        expect(result.headsVerified).toBe(1);
      }
    }
  });

  it("locates a signed head whose stored JSON no longer parses, and still checks the other head", async () => {
    const { position, eventId } = ledger.heads[0]!;
    const { withIndex, withoutIndex } = await verifyTampered((files) =>
      tamper(files.storeFile, (db) =>
        db.prepare("UPDATE events SET data = substr(data, 2) WHERE event_id = ?").run(eventId),
      ),
    );
    for (const result of [withIndex, withoutIndex]) {
      expect(result.problems[0]).toMatchObject({ kind: "altered", position, leafIndex: Number(position) - 1 });
      expect(result).toMatchObject({ headsChecked: 1, headsVerified: 1 });
    }
    expect(withIndex.problems[0]!.eventId).toBe(eventId);
  });

  it("catches an attacker who edits the store and rebuilds the index to match, by the signatures", async () => {
    const p = 60;
    const [s1] = sizes();
    const { withIndex } = await verifyTampered(async (files) => {
      changeOneByte(p)(files);
      rmSync(files.indexFile);
      const store = openSqliteEventStore({ file: files.storeFile, positions: "dense" });
      const index = openMerkleIndex(files.indexFile);
      await catchUpIndex(store, index);
      index.close();
      await store.close();
    });
    expect(withIndex.problems[0]).toMatchObject({ kind: "altered", range: { from: 0, to: s1 } });
    expect(withIndex.problems.filter((problem) => problem.kind === "index-mismatch").length).toBeGreaterThan(0);
    expect(withIndex.problems.some((problem) => problem.kind === "altered" && problem.range === undefined)).toBe(false);
  });

  it("reports ids, positions and counts, never what an event holds", async () => {
    const { withIndex, withoutIndex } = await verifyTampered(async (files) => {
      changeOneByte(12)(files);
      tamper(files.storeFile, (db) => db.prepare("DELETE FROM events WHERE position IN (50, 200)").run());
    });
    const text = JSON.stringify([withIndex.problems, withoutIndex.problems], (_, v: unknown) =>
      typeof v === "bigint" ? String(v) : v,
    );
    expect(text).not.toMatch(/pseudo-|kit \d/);
    expect(withIndex.problemCount).toBeGreaterThanOrEqual(3);
  });
});

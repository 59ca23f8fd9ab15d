import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMerkleIndex } from "../merkle-index/merkle-index.js";
import type { MerkleIndex } from "../merkle-index/types.js";
import { publicKeyPem } from "../signing/public-key.js";
import { generateSigningKeyPem, signingKeyFromPem } from "../signing/signing-key.js";
import { signHead } from "../signing/tree-head.js";
import { buildLedger, type BuiltLedger } from "../testing/ledger.testkit.js";
import { checkConsistencyBundle } from "./check-consistency.js";
import { checkProofBundle } from "./check-proof.js";
import { proveConsistency, proveEvent } from "./prove-event.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-proofs-"));
let ledger: BuiltLedger;
let store: EventStore;
let index: MerkleIndex;
let pem: string;
const otherPem = publicKeyPem(signingKeyFromPem(generateSigningKeyPem()));

beforeAll(async () => {
  ledger = await buildLedger(dir);
  // The fixture's index was built over the file's own dense positions (see buildLedger).
  store = openSqliteEventStore({ file: ledger.storeFile, readonly: true, positions: "dense" });
  index = openMerkleIndex(ledger.indexFile, { readonly: true });
  pem = publicKeyPem(ledger.key);
});
afterAll(async () => {
  index.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every one-character change of the JSON that still parses, each checked. */
function mutations(bundle: object, check: (mutated: unknown) => { ok: boolean }): number {
  const text = JSON.stringify(bundle);
  let tried = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = /[a-z]/i.test(c)
      ? c === c.toLowerCase()
        ? c.toUpperCase()
        : c.toLowerCase()
      : /\d/.test(c)
        ? String((Number(c) + 1) % 10)
        : "#";
    let mutated: unknown;
    try {
      mutated = JSON.parse(text.slice(0, i) + next + text.slice(i + 1));
    } catch {
      continue;
    }
    tried++;
    expect(check(mutated).ok, `changed character ${i} (${c}) of ${text.slice(i - 20, i + 20)}`).toBe(false);
  }
  return tried;
}

describe("proof bundles", () => {
  it("prove several events, heads included, under the latest head covering them, checkable offline", async () => {
    const [first, second] = ledger.heads;
    const headLeaf = ledger.events.findIndex((event) => event.id === first!.eventId);
    const ids = [0, 1, 77, first!.head.treeSize - 1, headLeaf, second!.head.treeSize - 1].map(
      (i) => ledger.events[i]!.id,
    );
    for (const eventId of ids) {
      const bundle = await proveEvent({ store, index, eventId, publicKeyPem: pem });
      expect(bundle.head).toEqual(second!.head);
      expect(bundle.publicKeyPem).toBe(pem);
      const result = checkProofBundle(JSON.parse(JSON.stringify(bundle)), pem);
      expect(result).toMatchObject({ ok: true, eventId, treeSize: second!.head.treeSize, keyId: ledger.key.keyId });
    }
  });

  it("prove against an earlier head when asked, and refuse events no head covers yet", async () => {
    const [first, second] = ledger.heads;
    const bundle = await proveEvent({ store, index, eventId: ledger.events[10]!.id, headSize: first!.head.treeSize });
    expect(checkProofBundle(bundle, pem)).toMatchObject({ ok: true, leafIndex: 10, treeSize: first!.head.treeSize });
    const late = ledger.events[second!.head.treeSize + 2]!.id;
    await expect(proveEvent({ store, index, eventId: late })).rejects.toThrow(/no signed head covers leaf/);
    await expect(proveEvent({ store, index, eventId: late, headSize: first!.head.treeSize })).rejects.toThrow(
      /no signed head of size/,
    );
    await expect(proveEvent({ store, index, eventId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(
      /not in the index/,
    );
  });

  it("fail when any character of the event, proof or head changes", async () => {
    const bundle = await proveEvent({ store, index, eventId: ledger.events[123]!.id });
    expect(checkProofBundle(bundle, pem).ok).toBe(true);
    expect(mutations(bundle, (mutated) => checkProofBundle(mutated, pem))).toBeGreaterThan(500);
  });

  it("fail under another key, even one the bundle itself carries", async () => {
    const bundle = await proveEvent({ store, index, eventId: ledger.events[5]!.id });
    expect(checkProofBundle(bundle, otherPem)).toEqual({
      ok: false,
      reason: expect.stringMatching(/not by a key given/),
    });
    const attacker = signingKeyFromPem(generateSigningKeyPem());
    const forged = { ...bundle, head: signHead(bundle.head, attacker), publicKeyPem: publicKeyPem(attacker) };
    expect(checkProofBundle(forged, pem).ok).toBe(false);
    expect(checkProofBundle(forged, [pem, otherPem]).ok).toBe(false);
    expect(checkProofBundle(bundle, [otherPem, pem]).ok).toBe(true);
  });

  it("explain a bundle that is not one", () => {
    expect(checkProofBundle(null, pem)).toEqual({ ok: false, reason: expect.stringMatching(/not a relief-ledger/) });
    expect(checkProofBundle({ format: "relief-ledger/inclusion-proof/v1" }, pem).ok).toBe(false);
  });
});

describe("consistency bundles", () => {
  it("prove that the later signed tree extends the earlier one, checkable offline", async () => {
    const [first, second] = ledger.heads;
    const bundle = await proveConsistency({ store, index, fromSize: first!.head.treeSize });
    expect(bundle).toMatchObject({ from: first!.head, to: second!.head });
    expect(checkConsistencyBundle(JSON.parse(JSON.stringify(bundle)), pem)).toMatchObject({
      ok: true,
      fromSize: first!.head.treeSize,
      toSize: second!.head.treeSize,
    });
    expect(mutations(bundle, (mutated) => checkConsistencyBundle(mutated, pem))).toBeGreaterThan(300);
  });

  it("fail with the heads swapped, under another key, or from a head that was never signed", async () => {
    const [first] = ledger.heads;
    const bundle = await proveConsistency({ store, index, fromSize: first!.head.treeSize });
    expect(checkConsistencyBundle({ ...bundle, from: bundle.to, to: bundle.from }, pem).ok).toBe(false);
    expect(checkConsistencyBundle(bundle, otherPem).ok).toBe(false);
    await expect(proveConsistency({ store, index, fromSize: 3 })).rejects.toThrow(/no signed head of size 3/);
  });
});

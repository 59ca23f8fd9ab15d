import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { afterAll, describe, expect, it } from "vitest";
import { signNextHead } from "../heads/sign-next-head.js";
import { publicKeysById } from "../signing/public-key.js";
import { generateSigningKeyPem, signingKeyFromPem } from "../signing/signing-key.js";
import { signHead } from "../signing/tree-head.js";
import { tamper } from "../testing/ledger.testkit.js";
import { verifyConsistency } from "../verify.js";
import { verifyLedger } from "../verify-ledger/verify-ledger.js";
import { catchUpIndex } from "./catch-up.js";
import { openMerkleIndex } from "./merkle-index.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-leaf-format-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = signingKeyFromPem(generateSigningKeyPem());

async function write(store: EventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const metadata = { principal: { role: "cbo", keyId: `k-${i % 3}` }, correlationId: randomUUID() };
    await store.append(`cbo-${i % 4}`, [{ id: randomUUID(), type: "KitDistributed", data: { i }, metadata }]);
  }
}

/** A ledger as the code before leaf format 2 left it: format-1 leaves, a v1 head, no cut-over recorded. */
async function legacyLedger(name: string) {
  const storeFile = join(dir, `${name}-events.db`);
  const indexFile = join(dir, `${name}-index.db`);
  const store = openSqliteEventStore({ file: storeFile });
  await write(store, 30);
  const index = openMerkleIndex(indexFile);
  index.adoptLeafFormat(Number.MAX_SAFE_INTEGER); // every leaf format 1, as before
  await catchUpIndex(store, index);
  const legacyHead = signHead({ treeSize: 30, rootHash: index.root(30) }, key);
  await store.append("ledger-heads", [{ id: randomUUID(), type: "LedgerHeadSigned", data: { ...legacyHead } }]);
  await write(store, 10);
  await catchUpIndex(store, index);
  index.close();
  tamper(indexFile, (db) => db.exec("DROP TABLE merkle_leaf_format"));
  return { store, storeFile, indexFile, legacyHead };
}

describe("migrating a ledger signed before leaf format 2", () => {
  it("keeps format 1 below the last v1 head, rehashes the rest, and stays consistent with the old head", async () => {
    const { store, indexFile, legacyHead } = await legacyLedger("migrate");
    const index = openMerkleIndex(indexFile);
    expect(index.legacyBelow()).toBeUndefined();
    expect(() => index.append([])).not.toThrow();
    expect(await catchUpIndex(store, index)).toEqual({ appended: 11, size: 41 });
    expect(index.legacyBelow()).toBe(30);
    expect(index.root(30).toString("hex")).toBe(legacyHead.rootHash);
    const signed = await signNextHead({ store, index, key, origin: "test.example/ledger" });
    expect(signed).toMatchObject({ signed: true, head: { treeSize: 41, origin: "test.example/ledger" } });
    const head = signed.signed ? signed.head : undefined;
    const proof = index.consistencyProof(30, 41);
    const roots = { root1: Buffer.from(legacyHead.rootHash, "hex"), root2: Buffer.from(head!.rootHash, "hex") };
    expect(verifyConsistency({ size1: 30, size2: 41, proof, ...roots })).toBe(true);
    expect(() => index.adoptLeafFormat(29)).toThrow(/leaf format 2 from leaf 30/);

    const result = await verifyLedger({ store, index, publicKeys: publicKeysById([key.publicKey]) });
    expect(result).toMatchObject({ ok: true, legacyBelow: 30, signedSize: 41, headsVerified: 2 });
    index.close();
    await store.close();
  });

  it("refuses to append to an unmigrated index, and verify says to migrate it", async () => {
    const { store, indexFile } = await legacyLedger("unmigrated");
    await write(store, 1);
    const index = openMerkleIndex(indexFile);
    const { events } = await store.readAll({ after: index.lastPosition() });
    expect(() => index.append(events)).toThrow(/predates leaf format 2/);
    const reader = openMerkleIndex(indexFile, { readonly: true });
    await expect(verifyLedger({ store, index: reader, publicKeys: publicKeysById([key.publicKey]) })).rejects.toThrow(
      /migrate it with ledger index/,
    );
    reader.close();
    index.close();
    await store.close();
  });

  it("covers the metadata of every event after the cut-over, and (as documented) not before", async () => {
    const { store, storeFile, indexFile } = await legacyLedger("metadata");
    const index = openMerkleIndex(indexFile);
    await catchUpIndex(store, index);
    await signNextHead({ store, index, key });
    index.close();
    await store.close();
    const editMetadata = (position: number) =>
      tamper(storeFile, (db) =>
        db.prepare('UPDATE events SET metadata = \'{"principal":{"role":"admin"}}\' WHERE position = ?').run(position),
      );
    const verify = async () => {
      const reader = openSqliteEventStore({ file: storeFile, readonly: true });
      const result = await verifyLedger({ store: reader, publicKeys: publicKeysById([key.publicKey]) });
      await reader.close();
      return result;
    };
    editMetadata(5);
    expect((await verify()).ok).toBe(true);
    editMetadata(35);
    expect((await verify()).problems[0]).toMatchObject({ kind: "altered", range: { from: 30, to: 41 } });
  });
});

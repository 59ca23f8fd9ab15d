import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { signNextHead } from "../heads/sign-next-head.js";
import { generateSigningKeyPem, signingKeyFromPem } from "../signing/signing-key.js";
import { exportPublicKey } from "../signing/public-key.js";
import { logEvents } from "../testing/events.testkit.js";
import { openAuditLog, type AuditLog } from "./audit-log.js";
import { catchUpAuditLog } from "./catch-up.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-audit-log-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = signingKeyFromPem(generateSigningKeyPem());
let store: EventStore;
let db: Database.Database;
let run = 0;

beforeEach(() => {
  run++;
  store = openSqliteEventStore({ file: join(dir, `events-${run}.db`) });
  db = new Database(join(dir, `model-${run}.db`));
  return async () => {
    db.close();
    await store.close();
  };
});

let written = 0;
const write = async (count: number) => {
  for (const { stream, id, type, data } of logEvents(count, written)) await store.append(stream, [{ id, type, data }]);
  written += count;
};

/** Feeds the log after `after` through the step, in one transaction, as the projector would. */
const project = async (log: AuditLog, after: bigint) => {
  const { events } = await store.readAll({ after, maxCount: 1_000 });
  db.transaction(() => log.step({ events, after }))();
  return events.at(-1)?.position ?? after;
};

describe("the audit log in a read-model database", () => {
  it("indexes each batch and records its signed heads, counting what the next head would add", async () => {
    const log = openAuditLog(db);
    await write(5);
    let checkpoint = await project(log, 0n);
    expect(log.heads.unsignedLeaves(log.index.size())).toBe(5);
    await signNextHead({ store, index: log.index, key });
    checkpoint = await project(log, checkpoint);
    expect(log.heads.latest()).toMatchObject({ treeSize: 5, leafIndex: 5, keyId: key.keyId });
    expect(log.heads.ofSize(5)?.rootHash).toBe(log.index.root(5).toString("hex"));
    expect(log.heads.unsignedLeaves(log.index.size())).toBe(0);
    await write(3);
    await project(log, checkpoint);
    expect(log.heads.unsignedLeaves(log.index.size())).toBe(3);
  });

  it("leaves out a head whose root the index does not give", async () => {
    const log = openAuditLog(db);
    await write(4);
    const checkpoint = await project(log, 0n);
    const forged = { treeSize: 4, rootHash: "ab".repeat(32), keyId: key.keyId, signature: "cd".repeat(64) };
    await store.append("ledger-heads", [{ id: randomUUID(), type: "LedgerHeadSigned", data: forged }]);
    await project(log, checkpoint);
    expect(log.index.size()).toBe(5);
    expect(log.heads.latest()).toBeUndefined();
  });

  it("refuses a batch when the index is behind the read models, rolling the batch back", async () => {
    const log = openAuditLog(db);
    await write(6);
    const { events } = await store.readAll({ after: 3n });
    expect(() => db.transaction(() => log.step({ events, after: 3n }))()).toThrow(/catch it up first/);
    expect(log.index.size()).toBe(0);
  });

  it("catches an existing read model up with the log and the heads already signed", async () => {
    const signerDb = new Database(join(dir, `signer-${run}.db`));
    const signer = openAuditLog(signerDb);
    await write(7);
    await catchUpAuditLog(store, signer);
    await signNextHead({ store, index: signer.index, key });
    signerDb.close();
    await write(2);

    const log = openAuditLog(db);
    expect(await catchUpAuditLog(store, log, { pageSize: 3 })).toEqual({ appended: 10, size: 10 });
    expect(log.heads.latest()).toMatchObject({ treeSize: 7, leafIndex: 7 });
    const stop = new AbortController();
    stop.abort();
    await write(1);
    await expect(catchUpAuditLog(store, log, { signal: stop.signal })).rejects.toThrow(/abort/i);
    expect(log.index.size()).toBe(10);
  });

  it("keeps the public keys signed with, and names the one in use", () => {
    const log = openAuditLog(db);
    const next = signingKeyFromPem(generateSigningKeyPem());
    log.keys.recordInUse(key, new Date("2026-01-01T00:00:00Z"));
    log.keys.recordInUse(next, new Date("2026-02-01T00:00:00Z"));
    expect(log.keys.get()).toEqual(exportPublicKey(next));
    expect(log.keys.get(key.keyId)).toEqual(exportPublicKey(key));
    expect(JSON.stringify(db.prepare("SELECT * FROM signing_keys").all())).not.toMatch(/PRIVATE/);
  });

  it("opens read-only for readers, and says so when the projector has not created it", () => {
    expect(() => openAuditLog(db, { readonly: true })).toThrow(/holds no Merkle index/);
    openAuditLog(db).keys.recordInUse(key);
    const reader = new Database(db.name, { readonly: true });
    expect(openAuditLog(reader, { readonly: true }).keys.get()?.keyId).toBe(key.keyId);
    reader.close();
  });
});

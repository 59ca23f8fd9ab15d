import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKeyPem, publicKeyPem, signingKeyFromPem } from "@relief-ledger/audit";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledger } from "../testing/capture.testkit.js";
import { CBO, PSEUDONYM_KEY_ID, startIngest, type Ingest } from "../testing/ingest.testkit.js";
import { BackupManifestSchema } from "../backup/backup.js";

// The restore drill an operator runs, end to end: back up while a CBO keeps submitting, restore
// into a new directory, check the ledger, and find every acknowledged submission the backup's
// position covers — and none it does not.
interface Ack {
  submissionId: string;
  lastPosition: bigint;
  ackedAt: number;
}

const dir = mkdtempSync(join(tmpdir(), "ledger-drill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let ingest: Ingest;
const keyFile = join(dir, "signing-key.pem");
const publicFile = join(dir, "signing-key.pub.pem");

const submission = (k: number) => ({
  submissionId: randomUUID(),
  cboId: CBO,
  distributions: Array.from({ length: 20 }, (_, i) => ({
    distributionId: randomUUID(),
    service: "cooked_food",
    beneficiaryRefs: [{ type: "member_id", value: `M-${k}-${i}` }],
    quantity: 1,
    valuePaise: 5_000,
    funding: { kind: "auto" },
    distributedOn: "2026-03-01",
  })),
});

async function submit(k: number): Promise<Ack> {
  const body = submission(k);
  const response = await fetch(`${ingest.url}/v1/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ingest.keys.cbo.token}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`submission answered ${response.status}`);
  const recorded = (await response.json()) as { lastPosition: string };
  return { submissionId: body.submissionId, lastPosition: BigInt(recorded.lastPosition), ackedAt: Date.now() };
}

beforeAll(async () => {
  ingest = await startIngest();
  const pem = generateSigningKeyPem();
  writeFileSync(keyFile, pem);
  chmodSync(keyFile, 0o600);
  writeFileSync(publicFile, publicKeyPem(signingKeyFromPem(pem)));
}, 60_000);
afterAll(() => ingest?.close());

describe("ledger backup and ledger restore: the restore drill", () => {
  const backupDir = join(dir, "backup");
  const restored = join(dir, "restored");
  const restoredStore = ["--store", `sqlite:${join(restored, "events.db")}`];
  const restoredReadModel = join(restored, "read-models.db");
  const acks: Ack[] = [];
  let backupStartedAt = 0;
  let backupEndedAt = 0;
  let position = 0n;

  it("backs up while submissions keep arriving", async () => {
    const store = `sqlite:${join(ingest.dir, "events.db")}`;
    const created = await ledger(["keys", "create", "--role", "auditor", "--file", ingest.keysFile]);
    expect(created.code, created.stderr).toBe(0);
    for (let k = 0; k < 10; k++) acks.push(await submit(k));
    // A signed head in the log, so the restored ledger has a signature for `verify` to check.
    const signed = await ledger([
      "sign-head",
      "--store",
      store,
      "--index",
      join(dir, "merkle.db"),
      "--key",
      keyFile,
      "--catch-up",
    ]);
    expect(signed.code, signed.stderr).toBe(0);
    let streaming = true;
    const stream = (async () => {
      for (let k = 10; streaming || k < 40; k++) acks.push(await submit(k));
    })();
    while (acks.length < 15) await new Promise((resolve) => setTimeout(resolve, 5));
    backupStartedAt = Date.now();
    const result = await ledger([
      "backup",
      "--store",
      store,
      "--keys-file",
      ingest.keysFile,
      "--read-model",
      join(dir, "no-read-model.db"),
      "--out",
      backupDir,
    ]);
    backupEndedAt = Date.now();
    streaming = false;
    await stream;
    expect(result.code, result.stderr).toBe(0);
    const manifest = BackupManifestSchema.parse(JSON.parse(readFileSync(join(backupDir, "manifest.json"), "utf8")));
    position = BigInt(manifest.store.position);
    expect(result.stdout).toContain(`up to position ${manifest.store.position}`);
    expect(manifest.pseudonymKeyIds).toEqual([PSEUDONYM_KEY_ID]);
    expect(manifest.signingKeys.map((key) => key.keyId)).toHaveLength(1);
    // Ingest really did keep writing around the backup: acknowledgements both sides of it.
    expect(acks.filter((ack) => ack.lastPosition > position).length).toBeGreaterThan(0);
    expect(acks.filter((ack) => ack.lastPosition <= position).length).toBeGreaterThanOrEqual(15);
    // No secret went into it, and no raw identity value (they never reach the store).
    for (const file of ["events.db", "manifest.json", "api-keys.json"]) {
      const text = readFileSync(join(backupDir, file)).toString("latin1");
      expect(text).not.toContain("M-1-1");
      expect(text).not.toContain(ingest.keys.admin.token);
      expect(text).not.toContain(/rlk_\w+_[\w-]{43}/.exec(created.stdout)![0]);
      expect(text).not.toContain("PRIVATE KEY");
    }
  }, 120_000);

  it("restores into a new directory, rebuilds the read models, and `ledger verify` passes", async () => {
    const result = await ledger(["restore", backupDir, "--data-dir", restored]);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(restoredReadModel)).toBe(true);
    const ledgerFiles = [...restoredStore, "--index", restoredReadModel];
    const verified = await ledger(["verify", ...ledgerFiles, "--public-key", publicFile]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  }, 120_000);

  it("holds every acknowledged submission up to the backup's position, and nothing after it", async () => {
    const store = openSqliteEventStore({ file: join(restored, "events.db") });
    try {
      expect(await store.headPosition()).toBe(position);
      for (const ack of acks) {
        const events = await store.readStream(`submission-${ack.submissionId}`);
        if (ack.lastPosition <= position) expect(events, ack.submissionId).toHaveLength(20);
        else expect(events, ack.submissionId).toHaveLength(0);
        // Whatever was acknowledged before the backup began is certainly in it.
        if (ack.ackedAt < backupStartedAt) expect(ack.lastPosition).toBeLessThanOrEqual(position);
      }
    } finally {
      await store.close();
    }
    expect(backupEndedAt).toBeGreaterThanOrEqual(backupStartedAt);
  });

  it("refuses to restore over a ledger, or from a damaged backup", async () => {
    const again = await ledger(["restore", backupDir, "--data-dir", restored]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds events\.db/);
    const damaged = join(dir, "damaged");
    rmSync(damaged, { recursive: true, force: true });
    const copy = await ledger([
      "backup",
      ...restoredStore,
      "--keys-file",
      join(dir, "no-keys.json"),
      "--read-model",
      restoredReadModel,
      "--out",
      damaged,
    ]);
    expect(copy.code, copy.stderr).toBe(0);
    const bytes = readFileSync(join(damaged, "events.db"));
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(join(damaged, "events.db"), bytes);
    const refused = await ledger(["restore", damaged, "--data-dir", join(dir, "from-damaged")]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/does not match its manifest/);
    expect(existsSync(join(dir, "from-damaged", "events.db"))).toBe(false);
  });

  it("refuses an EventStoreDB store, pointing to its own backups", async () => {
    const result = await ledger(["backup", "--store", "esdb://localhost:2113?tls=false", "--out", join(dir, "x")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/EventStoreDB\/KurrentDB/);
  });
});

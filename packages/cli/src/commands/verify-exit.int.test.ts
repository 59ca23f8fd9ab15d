import { randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { onFilePositions } from "@relief-ledger/event-store/testing";
import { ledger } from "../testing/capture.testkit.js";
import { operatorFiles } from "../testing/operator-files.testkit.js";

// These tests edit the SQLite file's rows by position and read positions in the CLI's output.
onFilePositions();

// `ledger verify` opens any copy of a ledger read-only, and its exit code says which of three
// things happened: 0 verified, 1 tampering found, 2 could not check.
const files = operatorFiles("ledger-verify-exit");
const { path, store: STORE, index: INDEX, key: KEY, publicKey: PUBLIC } = files;
const DISTRIBUTION = "0b9e0f7e-4d61-4c3b-9a39-2f1f6f0c8a11";

beforeAll(async () => {
  files.writeSigningKey();
  const store = openSqliteEventStore({ file: STORE });
  for (let n = 0; n < 30; n++) {
    const metadata = { principal: { role: "cbo", cboId: `cbo-${n % 3}` } };
    const data = n === 5 ? { n, distributionId: DISTRIBUTION } : { n };
    await store.append(`submission-${n % 4}`, [{ id: randomUUID(), type: "DistributionRecorded", data, metadata }]);
  }
  await store.close();
  expect((await ledger(["index", "--store", STORE, "--index", INDEX])).code).toBe(0);
  expect((await ledger(["sign-head", "--store", STORE, "--index", INDEX], { LEDGER_SIGNING_KEY: KEY })).code).toBe(0);
  const more = openSqliteEventStore({ file: STORE });
  await more.append("submission-9", [{ id: randomUUID(), type: "DistributionRecorded", data: { n: 99 } }]);
  await more.close();
  // The writer is closed, but a copy taken while it ran has its WAL beside it: keep one.
  expect(existsSync(STORE)).toBe(true);
});

const verify = (store: string, ...extra: string[]) =>
  ledger(["verify", "--store", store, "--public-key", PUBLIC, ...extra]);

describe("ledger prove --distribution", () => {
  it("proves the event that recorded a distribution, found by the id on the receipt", async () => {
    const out = path("receipt-proof.json");
    const flags = ["--store", STORE, "--index", INDEX, "--out", out];
    const proved = await ledger(["prove", "--distribution", DISTRIBUTION, ...flags]);
    expect(proved).toMatchObject({ code: 0, stdout: expect.stringMatching(/is leaf 5 of the 30-event ledger/) });
    expect(await ledger(["check-proof", out, "--public-key", PUBLIC])).toMatchObject({ code: 0 });
    const unknown = await ledger(["prove", "--distribution", "00000000-0000-4000-8000-000000000000", ...flags]);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/no distribution .* is recorded/) });
    expect(await ledger(["prove", "--distribution", "receipt-7", ...flags])).toMatchObject({ code: 2 });
    expect(await ledger(["prove", ...flags])).toMatchObject({ code: 2 });
  });
});

describe("ledger verify's exit codes", () => {
  it("0 on a copy made with VACUUM INTO, which is not in WAL mode", async () => {
    const copy = path("vacuumed.db");
    const db = new Database(STORE, { readonly: true });
    db.prepare("VACUUM INTO ?").run(copy);
    db.close();
    const check = new Database(copy, { readonly: true });
    expect(check.pragma("journal_mode", { simple: true })).toBe("delete");
    check.close();
    const result = await verify(copy);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/OK: the ledger matches every signed head/);
    expect(result.stdout).toMatch(/Unprotected: 2 events after the last signed head \(positions 31 to 32\)/);
  });

  // Read-only media for real: a tmpfs remounted read-only in a mount namespace of its own. Needs
  // unshare and the right to mount (root, as here); elsewhere the test says why it cannot run.
  const readOnlyMedia = spawnSync("unshare", [
    "-m",
    "sh",
    "-c",
    "mount -t tmpfs none /mnt && mount -o remount,ro /mnt",
  ]);
  it.skipIf(readOnlyMedia.status !== 0)("0 on a WAL-mode copy on read-only media", () => {
    const cli = fileURLToPath(new URL("../main.ts", import.meta.url));
    const mount = path("media");
    mkdirSync(mount, { recursive: true });
    const script = [
      `mount -t tmpfs none ${mount}`,
      `cp ${STORE} ${PUBLIC} ${mount}/`,
      `mount -o remount,ro ${mount}`,
      `node --conditions=@relief-ledger/source --import tsx ${cli} verify --store ${mount}/events.db --public-key ${mount}/signing-key.pub.pem`,
      "echo exit=$?",
      `ls ${mount}`,
    ].join("; ");
    const run = spawnSync("unshare", ["-m", "sh", "-c", script], {
      encoding: "utf8",
      cwd: fileURLToPath(new URL("../../../..", import.meta.url)),
    });
    expect(run.stderr + run.stdout).toMatch(/OK: the ledger matches every signed head/);
    expect(run.stdout).toMatch(/exit=0\nevents\.db\nsigning-key\.pub\.pem\n$/);
  });
  if (readOnlyMedia.status !== 0) console.warn("skipped the read-only media test: cannot unshare and mount here");

  it("1 when the metadata of a signed event was edited", async () => {
    const copy = path("tampered.db");
    copyFileSync(STORE, copy);
    const db = new Database(copy);
    db.prepare("UPDATE events SET metadata = ? WHERE position = 3").run('{"principal":{"role":"admin"}}');
    db.close();
    const result = await verify(copy, "--index", INDEX);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/First problem: altered \(position 3, event [0-9a-f-]{36}, leaf 2\)/);
  });

  it("2 when it could not check: no store, a file that is not a database, a key that is not one", async () => {
    expect(await verify(path("absent.db"))).toMatchObject({ code: 2, stderr: /could not check: no event store/ });
    const junk = path("junk.db");
    writeFileSync(junk, "this is not a SQLite database, and it is long enough to look like a header".repeat(20));
    expect(await verify(junk)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^ledger: could not check: /) });
    const notKey = path("not-a-key.pem");
    writeFileSync(notKey, "hello");
    expect(await ledger(["verify", "--store", STORE, "--public-key", notKey])).toMatchObject({ code: 2 });
    expect(await ledger(["verify", "--store", STORE])).toMatchObject({ code: 2 });
  });
});

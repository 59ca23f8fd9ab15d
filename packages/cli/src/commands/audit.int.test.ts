import { randomUUID } from "node:crypto";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSigningKeyPem, publicKeyPem, signingKeyFromPem } from "@relief-ledger/audit";
import { openSqliteEventStore, type RecordedEvent } from "@relief-ledger/event-store";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { ledger, type Captured } from "../testing/capture.testkit.js";
import { operatorFiles } from "../testing/operator-files.testkit.js";

const files = operatorFiles("ledger-audit-cli");
const { path, store: STORE, index: INDEX, key: KEY, publicKey: PUBLIC } = files;
const OTHER_PUBLIC = path("other.pub.pem");
const outputs: Captured[] = [];
let events: RecordedEvent[] = [];

async function run(argv: string[], env: Record<string, string> = {}): Promise<Captured> {
  const result = await ledger(argv, env);
  outputs.push(result);
  return result;
}

async function append(count: number): Promise<void> {
  const store = openSqliteEventStore({ file: STORE });
  for (let i = 0; i < count; i++) {
    const n = events.length + i;
    const data = { n, ref: `pseudo-${n}-secret` };
    await store.append(`submission-${n % 4}`, [{ id: randomUUID(), type: "DistributionRecorded", data }]);
  }
  events = (await store.readAll({ maxCount: 10_000 })).events;
  await store.close();
}

beforeAll(async () => {
  files.writeSigningKey();
  writeFileSync(OTHER_PUBLIC, publicKeyPem(signingKeyFromPem(generateSigningKeyPem())));
  await append(40);
});

const store = ["--store", STORE];
const index = ["--index", INDEX];

describe("the audit commands", () => {
  it("index the log, sign heads, and verify the ledger with and without the index", async () => {
    expect(await run(["index", ...store, ...index])).toMatchObject({ code: 0, stdout: /^Indexed 40 new events/ });
    const first = await run(["sign-head", ...store, ...index, "--key", KEY]);
    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Signed the 40-event ledger .* head r0 is at position \d+\./),
    });
    await append(25);
    const second = await run(["sign-head", ...store, ...index, "--catch-up"], { LEDGER_SIGNING_KEY: KEY });
    expect(second).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Signed the 66-event ledger .* head r1/) });
    expect(await run(["sign-head", ...store, ...index, "--key", KEY])).toMatchObject({
      code: 0,
      stdout: "Nothing to sign: size 66 is already signed.\n",
    });
    const verified = await run(["verify", ...store, ...index, "--public-key", PUBLIC]);
    expect(verified).toMatchObject({ code: 0, stderr: "" });
    expect(verified.stdout).toMatch(
      /^Checked 67 events and 2 signed heads \(2 verified, covering the first 66 events\)/,
    );
    expect(verified.stdout).toMatch(/OK: the ledger matches every signed head\.\n$/);
    const bare = await run(["verify", "--public-key", PUBLIC], { LEDGER_STORE: `sqlite:${STORE}` });
    expect(bare).toMatchObject({ code: 0, stdout: expect.stringMatching(/No index given/) });
    const json = await run(["verify", ...store, ...index, "--public-key", PUBLIC, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      eventsChecked: 67,
      indexSize: 66,
      unindexedEvents: 1,
      problems: [],
    });
  });

  it("on a terminal, index and verify draw a progress bar with the rate and the time left", async () => {
    const fresh = path("merkle-tty.db");
    const indexed = await ledger(["index", ...store, "--index", fresh], {}, true);
    outputs.push(indexed);
    expect(indexed.code).toBe(0);
    expect(indexed.stderr).toMatch(/indexing \[.*\] 100% \| 67\/67 events \| [\d,]+ events\/s \| ETA/);
    const verified = await ledger(["verify", ...store, "--index", fresh, "--public-key", PUBLIC], {}, true);
    outputs.push(verified);
    expect(verified.code).toBe(0);
    expect(verified.stderr).toMatch(/verifying \[.*\] 100% \| 67\/67 events \| [\d,]+ events\/s \| ETA/);
  });

  it("exit 1 naming the first problem when an event was altered", async () => {
    const tampered = path("tampered.db");
    copyFileSync(STORE, tampered);
    const db = new Database(tampered);
    db.prepare("UPDATE events SET data = replace(data, 'secret', 'secreT') WHERE position = 7").run();
    db.close();
    const withIndex = await run(["verify", "--store", tampered, ...index, "--public-key", PUBLIC]);
    expect(withIndex.code).toBe(1);
    expect(withIndex.stdout).toMatch(/FAILED: \d+ problems/);
    // Row 7 of the file is the seventh event, whatever position the store gives it.
    const seventh = events[6]!;
    expect(withIndex.stderr).toBe(
      `ledger: the ledger does not verify. First problem: altered (position ${seventh.position}, event ${seventh.id}, leaf 6): ` +
        `the event at position ${seventh.position} (leaf 6) does not hash to the leaf the index recorded\n`,
    );
    const without = await run(["verify", "--store", tampered, "--public-key", PUBLIC]);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(
      `First problem: altered (position ${events[0]!.position}, leaf 0): leaves 0 to 39 `,
    );
  });

  it("exit 1 when a head is signed by a key not given", async () => {
    const result = await run(["verify", ...store, "--public-key", OTHER_PUBLIC]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/First problem: unknown-key \(position \d+, event [0-9a-f-]{36}, leaf 40\)/);
  });

  it("write a proof bundle for an event and check it offline, failing under another key or when edited", async () => {
    const eventId = events[12]!.id;
    const out = path("proof.json");
    const proved = await run(["prove", eventId, ...store, ...index, "--out", out, "--public-key", PUBLIC]);
    expect(proved).toMatchObject({ code: 0, stdout: expect.stringMatching(/is leaf 12 of the 66-event ledger/) });
    expect(proved.stdout).not.toMatch(/pseudo-/);
    const checked = await run(["check-proof", out, "--public-key", PUBLIC]);
    expect(checked).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(`^OK: event ${eventId} is leaf 12 of the 66-event`),
    });
    expect((await run(["check-proof", out, "--public-key", OTHER_PUBLIC])).code).toBe(1);
    const edited = path("edited.json");
    writeFileSync(edited, readFileSync(out, "utf8").replace("secret", "secreT"));
    const refused = await run(["check-proof", edited, "--public-key", PUBLIC]);
    expect(refused).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/does not check: the event is not leaf 12/),
    });
    const early = await run(["prove", eventId, ...store, ...index, "--out", out, "--head-size", "40"]);
    expect(early).toMatchObject({ code: 0, stdout: expect.stringMatching(/of the 40-event ledger/) });
    const uncovered = await run(["prove", events[60]!.id, ...store, ...index, "--out", out, "--head-size", "40"]);
    expect(uncovered).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no signed head of size 40 covers leaf 60/),
    });
  });

  it("write and check a proof that the later head extends the earlier one", async () => {
    const out = path("consistency.json");
    expect((await run(["prove-consistency", ...store, ...index, "--from", "40", "--out", out])).code).toBe(0);
    const checked = await run(["check-proof", out, "--public-key", PUBLIC]);
    expect(checked).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^OK: the 66-event ledger .* extends the 40-event one/),
    });
    expect(await run(["verify", ...store, "--public-key", PUBLIC, "--head", out])).toMatchObject({ code: 0 });
  });

  it("print the public key for auditors, creating a demo key only in demo mode", async () => {
    expect((await run(["public-key", "--key", KEY])).stdout).toBe(readFileSync(PUBLIC, "utf8"));
    const json = JSON.parse((await run(["public-key", "--json"], { LEDGER_SIGNING_KEY: KEY })).stdout) as object;
    expect(json).toMatchObject({ algorithm: "Ed25519", keyId: expect.stringMatching(/^ed25519-[0-9a-f]{16}$/) });
    const demoDir = path("demo");
    expect(await run(["public-key"], { LEDGER_DATA_DIR: demoDir })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no signing key: set LEDGER_SIGNING_KEY/),
    });
    expect((await run(["public-key"], { LEDGER_DATA_DIR: demoDir, LEDGER_DEMO: "1" })).code).toBe(0);
    expect(readFileSync(join(demoDir, "signing-key.pem"), "utf8")).toMatch(/BEGIN PRIVATE KEY/);
  });

  it.each([
    [["verify", "--store", STORE], /--public-key <file> is required/],
    [["verify", "--store", path("absent.db"), "--public-key", PUBLIC], /no event store at .*absent\.db/],
    [["verify", "--store", STORE, "--index", path("absent-index.db"), "--public-key", PUBLIC], /no Merkle index at/],
    [["verify", "--store", STORE, "--public-key", KEY], /this is a private key/],
    [["check-proof", path("absent.json"), "--public-key", PUBLIC], /cannot read the proof bundle/],
    [
      ["prove", "x", "--store", STORE, "--index", INDEX, "--out", path("p.json"), "--head-size", "ten"],
      /--head-size must be a whole number/,
    ],
    [["sign-head", "--store", STORE, "--index", INDEX], /no signing key/],
  ])("refuse %j with exit code 2", async (argv, message) => {
    const result = await run(argv);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
  });

  it("never print what an event holds", () => {
    expect(outputs.length).toBeGreaterThan(20);
    for (const { stdout, stderr } of outputs) expect(stdout + stderr).not.toMatch(/pseudo-|secre/);
  });
});

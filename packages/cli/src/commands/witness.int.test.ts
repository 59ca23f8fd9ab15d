import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import {
  buildConsistencyBundle,
  formatCheckpoint,
  generateSigningKeyPem,
  openMerkleIndex,
  readRecordedHeads,
  signingKeyFromPem,
} from "@relief-ledger/audit";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onFilePositions } from "@relief-ledger/event-store/testing";
import { ledger } from "../testing/capture.testkit.js";
import { operatorFiles } from "../testing/operator-files.testkit.js";

// These tests edit the SQLite file's rows by position and read positions in the CLI's output.
onFilePositions();

const files = operatorFiles("ledger-witness-cli");
const { path, key: KEY, publicKey: PUBLIC } = files;
const WITNESS_KEY = path("witness-key.pem");
const VKEY = path("witness.vkey");
const STATE = path("witness-state");
const ORIGIN = "ledger.coalition.example/relief";
const operatorPem = generateSigningKeyPem();
const operator = signingKeyFromPem(operatorPem);
const env = { LEDGER_SIGNING_KEY: KEY, LEDGER_LOG_ORIGIN: ORIGIN };

/** A ledger (store + index files) the test's log server answers for. */
const ledgers = {
  honest: { store: path("events.db"), index: path("merkle.db") },
  fork: { store: path("fork.db"), index: path("fork-merkle.db") },
};
let serving: keyof typeof ledgers = "honest";
let server: Server;
let url = "";

async function grow(
  which: keyof typeof ledgers,
  count: number,
  data: (n: number) => Record<string, unknown> = (n) => ({ n }),
) {
  const store = openSqliteEventStore({ file: ledgers[which].store });
  for (let n = 0; n < count; n++)
    await store.append(`submission-${n % 3}`, [{ id: randomUUID(), type: "DistributionRecorded", data: data(n) }]);
  await store.close();
  const signed = await ledger(
    ["sign-head", "--store", ledgers[which].store, "--index", ledgers[which].index, "--catch-up"],
    env,
  );
  expect(signed.code).toBe(0);
}

// What the query service's two public routes answer, from the files: the witness's real wire protocol.
async function answer(route: URL): Promise<[number, string]> {
  const { store: file, index: indexFile } = ledgers[serving];
  const store = openSqliteEventStore({ file, readonly: true });
  const index = openMerkleIndex(indexFile, { readonly: true });
  try {
    const heads = (await readRecordedHeads(store)).flatMap(({ head }) => (head ? [head] : []));
    if (route.pathname === "/v1/audit/checkpoint") return [200, formatCheckpoint(heads.at(-1)!, operator.publicKey)];
    const from = heads.find((h) => h.treeSize === Number(route.searchParams.get("from")));
    const to = heads.find((h) => h.treeSize === Number(route.searchParams.get("to")));
    if (!from || !to) return [404, "{}"];
    return [200, JSON.stringify(buildConsistencyBundle(index, from, to))];
  } finally {
    index.close();
    await store.close();
  }
}

beforeAll(async () => {
  files.writeSigningKey(operatorPem);
  writeFileSync(WITNESS_KEY, generateSigningKeyPem(), { mode: 0o600 });
  server = createServer((request, response) => {
    answer(new URL(request.url!, "http://x")).then(
      ([status, body]) => response.writeHead(status).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await grow("honest", 20);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const witness = (...extra: string[]) =>
  ledger([
    "witness",
    "--log",
    url,
    "--log-key",
    PUBLIC,
    "--signing-key",
    WITNESS_KEY,
    "--name",
    "auditor.example/witness",
    "--state",
    STATE,
    ...extra,
  ]);

/** `ledger verify` of the honest ledger, given a head checkpoint and a witness's key. */
const verifyHonest = (head: string, witnessKey: string) =>
  ledger([
    "verify",
    "--store",
    ledgers.honest.store,
    "--public-key",
    PUBLIC,
    "--head",
    head,
    "--witness-key",
    witnessKey,
  ]);

describe("ledger witness and ledger verify --witness-key", () => {
  it("cosigns honest growth, and verify holds the store to the cosigned head", async () => {
    const printed = await witness("--print-key");
    expect(printed.stdout).toMatch(/^auditor\.example\/witness\+[0-9a-f]{8}\+/);
    writeFileSync(VKEY, printed.stdout);
    expect(await witness()).toMatchObject({
      code: 0,
      stdout: /^Cosigned the 20-leaf checkpoint of ledger\.coalition\.example\/relief/,
    });
    await grow("honest", 9);
    const second = await witness();
    expect(second).toMatchObject({
      code: 0,
      stdout: /Cosigned the 30-leaf checkpoint .* consistent with the 20-leaf one/,
    });
    const kept = join(STATE, "latest.checkpoint");
    expect(readFileSync(kept, "utf8")).toMatch(
      /^ledger\.coalition\.example\/relief\n30\n.*\n\n\u2014 ledger\.coalition\.example\/relief .*\n\u2014 auditor\.example\/witness /s,
    );
    const verified = await verifyHonest(kept, VKEY);
    expect(verified).toMatchObject({
      code: 0,
      stdout: /^Witnessed: auditor\.example\/witness cosigned the 30-event head/,
    });
  });

  it("names the rewritten event below a cosigned head, though the later heads were deleted and the log renumbered", async () => {
    const tampered = path("tampered.db");
    copyFileSync(ledgers.honest.store, tampered);
    const db = new Database(tampered);
    const p = 25;
    const target = db.prepare("SELECT event_id FROM events WHERE position = ?").pluck().get(p) as string;
    db.transaction(() => {
      db.prepare("UPDATE events SET data = '{\"n\":0}' WHERE position = ?").run(p);
      const later = db
        .prepare("SELECT position FROM events WHERE stream = 'ledger-heads' AND position > ?")
        .pluck()
        .all(p) as number[];
      for (const at of later.reverse()) {
        db.prepare("DELETE FROM events WHERE position = ?").run(at);
        db.prepare("UPDATE events SET position = -(position - 1) WHERE position > ?").run(at);
        db.prepare("UPDATE events SET position = -position WHERE position < 0").run();
      }
    })();
    db.close();
    const kept = join(STATE, "latest.checkpoint");
    const flags = ["--public-key", PUBLIC, "--head", kept, "--witness-key", VKEY];
    const withIndex = await ledger(["verify", "--store", tampered, "--index", ledgers.honest.index, ...flags]);
    expect(withIndex.code).toBe(1);
    expect(withIndex.stderr).toMatch(
      new RegExp(`First problem: altered \\(position ${p}, event ${target}, leaf ${p - 1}\\)`),
    );
    const without = await ledger(["verify", "--store", tampered, ...flags]);
    expect(without.code).toBe(1);
    expect(without.stderr).not.toMatch(/truncated/);
  });

  it("refuses a forked head with exit 4, keeping both checkpoints as evidence, and stands by the one it kept", async () => {
    await grow("fork", 30, (n) => ({ n, forked: true }));
    serving = "fork";
    const before = readFileSync(join(STATE, "latest.checkpoint"), "utf8");
    const refused = await witness();
    expect(refused).toMatchObject({
      code: 4,
      stderr: /REFUSED: .*Not cosigned; both checkpoints kept as evidence in /,
    });
    const [evidence] = readdirSync(join(STATE, "evidence"));
    const files = readdirSync(join(STATE, "evidence", evidence!)).sort();
    expect(files).toEqual(
      ["kept.checkpoint", "reason.txt", "received.checkpoint"]
        .concat(files.includes("consistency.json") ? ["consistency.json"] : [])
        .sort(),
    );
    expect(readFileSync(join(STATE, "evidence", evidence!, "kept.checkpoint"), "utf8")).toBe(before);
    expect(readFileSync(join(STATE, "latest.checkpoint"), "utf8")).toBe(before);
    serving = "honest";
  });

  it("exits 2 when it could not check: the log unreachable, no operator key, a verify witness key with no cosigned head", async () => {
    const asWitness = ["--signing-key", WITNESS_KEY, "--name", "w.example/x", "--state", path("s2")];
    const unreachable = ["--log", "http://127.0.0.1:1", "--log-key", PUBLIC];
    const noOperatorKey = ["--log", url];
    for (const log of [unreachable, noOperatorKey])
      expect(await ledger(["witness", ...log, ...asWitness]), log.join(" ")).toMatchObject({ code: 2 });
    const other = path("other.vkey");
    writeFileSync(WITNESS_KEY + ".2", generateSigningKeyPem());
    writeFileSync(
      other,
      (await ledger(["witness", "--signing-key", WITNESS_KEY + ".2", "--name", "other.example/w", "--print-key"]))
        .stdout,
    );
    const result = await verifyHonest(join(STATE, "latest.checkpoint"), other);
    expect(result).toMatchObject({
      code: 2,
      stderr: /no --head checkpoint carries a valid cosignature of witness other\.example\/w/,
    });
    expect(existsSync(path("s2/latest.checkpoint"))).toBe(false);
  });
});

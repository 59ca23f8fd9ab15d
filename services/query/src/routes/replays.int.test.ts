import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createApiKey, staticKeyring } from "@relief-ledger/http";
import { canonicalJson, type Report } from "@relief-ledger/replay";
import { openSignedLedger, type SignedLedger } from "@relief-ledger/statement/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQueryApp } from "../app.js";
import { followReadModel } from "../read-model.js";
import { openReplays, REPLAY_FILES, type Replays, type ReplayStatus } from "../replays/replays.js";

const keys = {
  auditor: createApiKey({ role: "auditor" }),
  donor: createApiKey({ role: "donor", donorId: "azim-trust" }),
  cbo: createApiKey({ role: "cbo", cboId: "sangama-blr" }),
  admin: createApiKey({ role: "admin" }),
};
type Who = keyof typeof keys | "nobody";
let ledger: SignedLedger;
let replays: Replays;
let app: Awaited<ReturnType<typeof buildQueryApp>>;
let replaysDir: string;

const as = (who: Who) => (who === "nobody" ? {} : { authorization: `Bearer ${keys[who].token}` });
const start = (body: unknown, who: Who = "auditor") =>
  app.inject({ method: "POST", url: "/v1/audit/replays", headers: as(who), payload: body as object });
const get = (url: string, who: Who = "auditor") => app.inject({ url, headers: as(who) });

/** Asks until the replay has ended, as the page does. */
async function ended(replayId: string): Promise<ReplayStatus> {
  for (let i = 0; i < 400; i++) {
    const status = (await get(`/v1/audit/replays/${replayId}`)).json<ReplayStatus>();
    if (status.state !== "running") return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the replay did not end within 20 s");
}

beforeAll(async () => {
  ledger = await openSignedLedger();
  await ledger.sign();
  replaysDir = ledger.dir.file("replays");
  replays = openReplays({ dir: replaysDir, store: `sqlite:${ledger.storeFile}`, kept: 2 });
  app = await buildQueryApp({
    readModel: followReadModel(ledger.readModelFile, 0),
    replays,
    keyring: staticKeyring(Object.values(keys).map((k) => k.record)),
    logger: false,
  });
});
afterAll(async () => {
  await app.close();
  await replays.close();
  await ledger.close();
});

describe("replays from the query service (POST /v1/audit/replays)", () => {
  it.each(["cbo", "donor", "admin"] as const)(
    "refuses a %s key (403) and no key at all (401), on every route",
    async (who) => {
      const id = "00000000-0000-4000-8000-000000000000";
      for (const [caller, status] of [
        [who, 403],
        ["nobody", 401],
      ] as const) {
        expect((await start({ position: "1" }, caller)).statusCode).toBe(status);
        for (const url of ["/v1/audit/replays", `/v1/audit/replays/${id}`, `/v1/audit/replays/${id}/files/report.json`])
          expect((await get(url, caller)).statusCode, url).toBe(status);
      }
      expect(readdirSync(replaysDir)).toEqual([]);
    },
  );

  it.each([
    ["neither", {}, "asOf", /exactly one/],
    ["both", { asOf: "2025-01-15", position: "3" }, "asOf", /exactly one/],
    ["a day that does not exist", { asOf: "2025-02-30" }, "asOf", /^must be a UTC day/],
    ["an instant without its zone", { asOf: "2024-03-07T11:45:00" }, "asOf", /^must be a UTC day/],
    ["10,000 characters", { asOf: "x".repeat(10_000) }, "asOf", /^must be a UTC day/],
    ["a negative position", { position: "-1" }, "position", /^must be a whole number/],
    ["an unknown field", { position: "1", where: "else" }, "", /./],
  ])(
    "refuses %s with a 400 naming the field, once, quoting nothing and starting nothing",
    async (_, body, field, message) => {
      const response = await start(body);
      expect(response.statusCode).toBe(400);
      const { details } = response.json<{ details: { path: string; message: string }[] }>();
      if (field) expect(details).toEqual([{ path: field, message: expect.stringMatching(message) }]);
      else expect(details).toHaveLength(1);
      for (const value of Object.values(body)) if (value.length > 2) expect(response.body).not.toContain(value);
      expect(readdirSync(replaysDir)).toEqual([]);
    },
  );

  it("runs a replay in a process of its own, with progress, refuses a second while it runs (409), and serves its report as ledger replay writes it", async () => {
    const started = await start({ position: String(await ledger.store.headPosition()) });
    expect(started.statusCode, started.body).toBe(202);
    const { replayId, state } = started.json<ReplayStatus>();
    expect(state).toBe("running");
    expect(started.headers.location).toBe(`/v1/audit/replays/${replayId}`);

    const second = await start({ asOf: "2025-01-15" });
    expect(second.statusCode).toBe(409);
    expect(second.json().details).toEqual([{ path: "replayId", message: `the running replay is ${replayId}` }]);

    const done = await ended(replayId);
    const events = await ledger.store.countEventsAfter(0n, 1_000_000);
    expect(done).toMatchObject({ state: "done", phase: "replaying", eventsDone: events, eventsTotal: events });
    expect(done.summary).toMatchObject({ events, signedHeadMatches: true });

    const file = await get(`/v1/audit/replays/${replayId}/files/report.json`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/json; charset=utf-8");
    const report = JSON.parse(file.body) as Report;
    // The canonical form: keys sorted, two spaces, one final newline, as ledger replay writes it.
    expect(canonicalJson(report)).toBe(file.body);
    expect(report.replayed.events).toBe(events);
    for (const name of REPLAY_FILES) {
      const served = await get(`/v1/audit/replays/${replayId}/files/${name}`);
      expect(served.body, name).toBe(readFileSync(join(replaysDir, replayId, name), "utf8"));
    }
    // The fresh read model is removed once the report is written: only what is downloadable is kept.
    expect(readdirSync(join(replaysDir, replayId)).sort()).toEqual([...REPLAY_FILES, "status.json"].sort());
    expect((await get(`/v1/audit/replays`)).json().replays).toEqual([done]);
  });

  it("keeps only the last few replays on disk, newest first", async () => {
    const ids: string[] = [];
    for (const position of ["1", "2"]) {
      const { replayId } = (await start({ position })).json<ReplayStatus>();
      ids.push(replayId);
      await ended(replayId);
    }
    const listed = (await get("/v1/audit/replays")).json<{ replays: ReplayStatus[] }>().replays;
    expect(listed.map((r) => r.replayId)).toEqual([...ids].reverse());
    expect(readdirSync(replaysDir).sort()).toEqual([...ids].sort());
  });

  it("a replay the service stopped in shows as interrupted after a restart, and nothing can be downloaded from it", async () => {
    const dir = ledger.dir.file("replays-restart");
    const first = openReplays({ dir, store: `sqlite:${ledger.storeFile}` });
    const { status } = first.start({ by: "position", position: "3" });
    await first.close();
    const again = openReplays({ dir, store: `sqlite:${ledger.storeFile}` });
    expect(again.get(status.replayId)).toMatchObject({ state: "interrupted", finishedAt: null });
    expect(again.file(status.replayId, "report.json")).toBeUndefined();
    await again.close();
  });

  it("fails a replay whose process outgrows its heap cap, saying so, offering nothing, and keeps serving", async () => {
    // A service whose replay process gets 8 MiB of old generation: less than loading the replay takes
    // (about 24 MiB under tsx).
    const crampedDir = ledger.dir.file("replays-cramped");
    const cramped = openReplays({ dir: crampedDir, store: `sqlite:${ledger.storeFile}`, heapMiB: 8 });
    const crampedApp = await buildQueryApp({
      readModel: followReadModel(ledger.readModelFile, 0),
      replays: cramped,
      keyring: staticKeyring(Object.values(keys).map((k) => k.record)),
      logger: false,
    });
    const inCramped = (url: string) => crampedApp.inject({ url, headers: as("auditor") });
    /** Waits for the replay to fail for want of memory, then checks it offers nothing and the service is well. */
    const failsForMemory = async (replayId: string) => {
      await expect
        .poll(async () => (await inCramped(`/v1/audit/replays/${replayId}`)).json<ReplayStatus>().state, {
          timeout: 20_000,
        })
        .toBe("failed");
      expect((await inCramped(`/v1/audit/replays/${replayId}`)).json<ReplayStatus>()).toMatchObject({
        reason: "the replay needed more memory than LEDGER_REPLAY_HEAP_MIB allows (8 MiB)",
        summary: null,
      });
      for (const name of REPLAY_FILES)
        expect((await inCramped(`/v1/audit/replays/${replayId}/files/${name}`)).statusCode, name).toBe(404);
      // Whatever it had written is removed once its process has exited; status.json says why.
      await expect.poll(() => readdirSync(join(crampedDir, replayId)), { timeout: 5_000 }).toEqual(["status.json"]);
      const health = await inCramped("/health");
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: "ok" });
    };
    try {
      const started = await crampedApp.inject({
        method: "POST",
        url: "/v1/audit/replays",
        headers: as("auditor"),
        payload: { position: "3" },
      });
      expect(started.statusCode, started.body).toBe(202);
      await failsForMemory(started.json<ReplayStatus>().replayId);

      // The next start is taken (not refused as busy). Its process dies while loading, before it
      // writes anything: the partial files a larger replay would leave are planted in its directory
      // in the same tick, before the process can have exited.
      const next = cramped.start({ by: "position", position: "3" });
      expect(next.started).toBe(true);
      for (const partial of ["read-model.db", "read-model.db-wal", "report.json"])
        writeFileSync(join(crampedDir, next.status.replayId, partial), "partial");
      await failsForMemory(next.status.replayId);
    } finally {
      await crampedApp.close();
      await cramped.close();
    }
    // The same process replays the whole log under the default cap, to the end.
    const { replayId } = (await start({ position: String(await ledger.store.headPosition()) })).json<ReplayStatus>();
    const events = await ledger.store.countEventsAfter(0n, 1_000_000);
    expect(await ended(replayId)).toMatchObject({ state: "done", reason: null, summary: { events } });
  });

  it("answers 404 for a replay it does not keep", async () => {
    const response = await get("/v1/audit/replays/00000000-0000-4000-8000-000000000000");
    expect(response.statusCode).toBe(404);
  });
});

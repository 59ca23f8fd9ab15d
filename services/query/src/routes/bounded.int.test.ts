import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { createApiKey, staticKeyring } from "@relief-ledger/http";
import { MAX_PAGE_LIMIT, openProjector } from "@relief-ledger/projections";
import { appendEvents, cbo, distribution, uid } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQueryApp } from "../app.js";
import { followReadModel } from "../read-model.js";

// The probe that took the read model from 284 MB to 3 GB: one person, thousands of grocery kits
// on one day. Every kit after the first is excess, and the k-th has k - 1 kits before it in its
// window, so listing them in each flag stores 5,000² / 2 ids (about 480 MB); a window reference
// and a count store 5,000 small rows.
const RECORDS = 5_000;
const PER_SUBMISSION = 1_000;
const KB = 1024;

const dir = mkdtempSync(join(tmpdir(), "ledger-bounded-"));
const readModelFile = join(dir, "read-models.db");
const readModel = followReadModel(readModelFile, 0);
const auditor = createApiKey({ role: "auditor" });
let app: Awaited<ReturnType<typeof buildQueryApp>>;

beforeAll(async () => {
  const store = openSqliteEventStore({ file: join(dir, "events.db") });
  await appendEvents(store, [cbo("sangama-blr")]);
  for (let first = 0; first < RECORDS; first += PER_SUBMISSION) {
    const batch = Array.from({ length: PER_SUBMISSION }, (_, i) =>
      distribution({ id: 1 + first + i, cboId: "sangama-blr", on: "2021-05-14", people: [1], submission: first }),
    );
    await appendEvents(store, batch);
  }
  const projector = openProjector({ store, file: readModelFile });
  await projector.runOnce();
  await projector.close();
  await store.close();
  app = await buildQueryApp({ readModel, keyring: staticKeyring([auditor.record]), logger: false });
  await app.ready();
}, 300_000);
afterAll(async () => {
  await app?.close();
  readModel.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (url: string) => {
  const response = await app.inject({ url, headers: { authorization: `Bearer ${auditor.token}` } });
  return { status: response.statusCode, bytes: response.rawPayload.length, body: response.json() };
};

describe(`${RECORDS} records of one person on one day`, () => {
  it("raise one flag per excess record, each stored in a row of fixed size", () => {
    const db = readModel.db();
    expect(db.prepare("SELECT COUNT(*) FROM flags").pluck().get()).toBe(RECORDS - 1);
    let flagBytes = 0;
    for (const row of db.prepare("SELECT * FROM flags").raw().iterate()) flagBytes += JSON.stringify(row).length;
    expect(flagBytes).toBeLessThan(RECORDS * 300);
    // The whole read model: the events' own rows, linear in them, not a square.
    expect(statSync(readModelFile).size).toBeLessThan(64 * KB * KB);
  });

  it("answers /v1/flags a page at a time, each page bounded", async () => {
    const first = await get("/v1/flags");
    expect(first.status).toBe(200);
    expect(first.body.flags).toHaveLength(100);
    expect(first.bytes).toBeLessThan(100 * 600);
    const largest = await get(`/v1/flags?limit=${MAX_PAGE_LIMIT}`);
    expect(largest.body.flags).toHaveLength(MAX_PAGE_LIMIT);
    expect(largest.bytes).toBeLessThan(MAX_PAGE_LIMIT * 600);
    expect(largest.body.flags.at(-1).earlierCount).toBe(MAX_PAGE_LIMIT);
    let pages = 1;
    let seen = largest.body.flags.length;
    for (let cursor = largest.body.nextCursor; cursor !== null; pages++) {
      const page = await get(`/v1/flags?limit=${MAX_PAGE_LIMIT}&cursor=${cursor}`);
      expect(page.bytes).toBeLessThan(MAX_PAGE_LIMIT * 600);
      seen += page.body.flags.length;
      cursor = page.body.nextCursor;
    }
    expect([seen, pages]).toEqual([RECORDS - 1, 5]);
    expect((await get("/v1/flags?limit=1001")).status).toBe(400);
  });

  it("pages the CSV of flags too, the next cursor in a header", async () => {
    const response = await app.inject({
      url: "/v1/flags?format=csv",
      headers: { authorization: `Bearer ${auditor.token}` },
    });
    // A header row, a row of HXL hashtags, then one page.
    expect(response.body.trim().split("\n")).toHaveLength(2 + 100);
    expect(response.headers["next-cursor"]).toEqual(expect.any(String));
  });

  it("pages the evidence of the last flag, whose window holds all the others", async () => {
    // Ids order the kits of one day: the largest is the last flag.
    let cursor: string | null = null;
    let earlier = 0;
    do {
      const page = await get(
        `/v1/flags/${uid(RECORDS)}/earlier?limit=${MAX_PAGE_LIMIT}${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.body.earlierCount).toBe(RECORDS - 1);
      expect(page.body.earlier.length).toBeLessThanOrEqual(MAX_PAGE_LIMIT);
      // A row is ids, a date, a value and its funding (a fund id or a scheme of at most 64
      // characters): a few hundred bytes at most, whatever the window holds.
      expect(page.bytes).toBeLessThan(MAX_PAGE_LIMIT * 250);
      earlier += page.body.earlier.length;
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(earlier).toBe(RECORDS - 1);
  });

  it("keeps the totals one person, one cell", async () => {
    const totals = await get("/v1/totals");
    expect(totals.body.overall).toMatchObject({ distributions: RECORDS, persons: 1 });
    expect(totals.bytes).toBeLessThan(4 * KB);
  });
});

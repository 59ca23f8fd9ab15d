import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { createApiKey, staticKeyring } from "@relief-ledger/http";
import { openProjector } from "@relief-ledger/projections";
import { appendEvents, cbo, distribution, flagNote, uid } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQueryApp } from "../app.js";
import { followReadModel } from "../read-model.js";

// Who reads CBOs' notes on a flag (decision 0035): an auditor all of them; a CBO its own, on a
// flag that involves it; nobody else.

const dir = mkdtempSync(join(tmpdir(), "ledger-query-notes-"));
const keys = {
  sangama: createApiKey({ role: "cbo", cboId: "sangama-blr" }),
  vamp: createApiKey({ role: "cbo", cboId: "vamp-sangli" }),
  donor: createApiKey({ role: "donor", donorId: "azim-trust" }),
  auditor: createApiKey({ role: "auditor" }),
};
const readModelFile = join(dir, "read-models.db");
const readModel = followReadModel(readModelFile, 0);
let app: Awaited<ReturnType<typeof buildQueryApp>>;

// Person 1 got a kit from each CBO within 30 days (flag 2 involves both); person 2 got two from
// Sangama (flag 4 involves Sangama alone).
const LEDGER = [
  cbo("sangama-blr"),
  cbo("vamp-sangli", "IN-MH"),
  distribution({ id: 1, cboId: "sangama-blr", on: "2021-05-01", people: [1] }),
  distribution({ id: 2, cboId: "vamp-sangli", on: "2021-05-10", people: [1] }),
  distribution({ id: 3, cboId: "sangama-blr", on: "2021-05-01", people: [2] }),
  distribution({ id: 4, cboId: "sangama-blr", on: "2021-05-09", people: [2] }),
  flagNote(2, "sangama-blr", "ours was the regular monthly kit"),
  flagNote(2, "vamp-sangli", "she had just moved to Sangli"),
  flagNote(4, "sangama-blr", "a second kit for her daughter"),
  flagNote(2, "sangama-blr", "checked the register again: same"),
];

beforeAll(async () => {
  const store = openSqliteEventStore({ file: join(dir, "events.db") });
  await appendEvents(store, LEDGER);
  const projector = openProjector({ store, file: readModelFile });
  await projector.runOnce();
  await projector.close();
  await store.close();
  app = await buildQueryApp({
    readModel,
    keyring: staticKeyring(Object.values(keys).map((k) => k.record)),
    logger: false,
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  readModel.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (key: keyof typeof keys, url: string) => {
  const response = await app.inject({ url, headers: { authorization: `Bearer ${keys[key].token}` } });
  return { status: response.statusCode, body: response.json() };
};
const notes = (body: { notes: { cboId: string; note: string }[] }) => body.notes.map((n) => [n.cboId, n.note]);

describe("GET /v1/flags/:flagId/notes", () => {
  it("gives an auditor every CBO's notes on a flag, oldest first, with when each was recorded", async () => {
    const { status, body } = await get("auditor", `/v1/flags/${uid(2)}/notes`);
    expect(status).toBe(200);
    expect(notes(body)).toEqual([
      ["sangama-blr", "ours was the regular monthly kit"],
      ["vamp-sangli", "she had just moved to Sangli"],
      ["sangama-blr", "checked the register again: same"],
    ]);
    expect(body.notes[0].notedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(body.nextCursor).toBeNull();
  });

  it("gives a CBO its own notes only, on a flag that involves it; another flag is a 404", async () => {
    expect(notes((await get("sangama", `/v1/flags/${uid(2)}/notes`)).body)).toEqual([
      ["sangama-blr", "ours was the regular monthly kit"],
      ["sangama-blr", "checked the register again: same"],
    ]);
    expect(notes((await get("vamp", `/v1/flags/${uid(2)}/notes`)).body)).toEqual([
      ["vamp-sangli", "she had just moved to Sangli"],
    ]);
    const outside = await get("vamp", `/v1/flags/${uid(4)}/notes`);
    expect(outside.status).toBe(404);
    expect(JSON.stringify(outside.body)).not.toContain("daughter");
    expect((await get("donor", `/v1/flags/${uid(2)}/notes`)).status).toBe(403);
  });

  it("pages the notes with a cursor and refuses one it did not give", async () => {
    const first = await get("auditor", `/v1/flags/${uid(2)}/notes?limit=2`);
    expect(first.body.notes).toHaveLength(2);
    const second = await get("auditor", `/v1/flags/${uid(2)}/notes?limit=2&cursor=${first.body.nextCursor}`);
    expect(notes(second.body)).toEqual([["sangama-blr", "checked the register again: same"]]);
    expect(second.body.nextCursor).toBeNull();
    const bad = await get("auditor", `/v1/flags/${uid(2)}/notes?cursor=nonsense`);
    expect(bad).toMatchObject({ status: 400, body: { details: [{ path: "querystring.cursor" }] } });
  });

  it("is documented in the OpenAPI, with its answer's schema", async () => {
    const spec = (await app.inject("/docs/json")).json();
    const responses = spec.paths["/v1/flags/{flagId}/notes"].get.responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404"]));
    expect(JSON.stringify(responses["200"])).toContain("notedAt");
  });
});

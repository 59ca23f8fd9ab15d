import { cbo, distribution, flagNote, uid } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQueryHarness, type QueryHarness } from "../testing/index.testkit.js";

// Who reads CBOs' notes on a flag (decision 0035): an auditor all of them; a CBO its own, on a
// flag that involves it; nobody else.

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

let h: QueryHarness;
beforeAll(async () => {
  h = await startQueryHarness({ events: LEDGER });
});
afterAll(() => h.close());

// The cbo key is Sangama's, otherCbo VAMP's.
const get = (who: keyof QueryHarness["keys"], url: string) => h.read(who, url);
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
    expect(notes((await get("cbo", `/v1/flags/${uid(2)}/notes`)).body)).toEqual([
      ["sangama-blr", "ours was the regular monthly kit"],
      ["sangama-blr", "checked the register again: same"],
    ]);
    expect(notes((await get("otherCbo", `/v1/flags/${uid(2)}/notes`)).body)).toEqual([
      ["vamp-sangli", "she had just moved to Sangli"],
    ]);
    const outside = await get("otherCbo", `/v1/flags/${uid(4)}/notes`);
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
    const spec = (await h.app.inject("/docs/json")).json();
    const responses = spec.paths["/v1/flags/{flagId}/notes"].get.responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404"]));
    expect(JSON.stringify(responses["200"])).toContain("notedAt");
  });
});

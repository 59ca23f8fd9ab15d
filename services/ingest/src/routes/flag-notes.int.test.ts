import { randomUUID } from "node:crypto";
import { FLAG_NOTE_MAX } from "@relief-ledger/domain";
import { flagNotes, openProjector, openReadModel } from "@relief-ledger/projections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CBO,
  OTHER_CBO,
  aadhaar,
  distribution,
  seedRegistrations,
  startHarness,
  uuid,
  type Harness,
} from "../testing/harness.testkit.js";

// A CBO's note to the auditors on a flag: decided against the flags the projector last wrote
// (the read model this service reads), refused for a flag of other CBOs or none, screened for
// identity numbers like every free text.

let h: Harness;
const person = (n: number) => [{ type: "aadhaar", value: aadhaar(n) }];
/** Both CBOs gave person 1 a kit in May: the second (VAMP's) is flagged, and the flag involves both. */
const SHARED_FLAG = uuid(0x102);
/** Ashodaya gave person 2 two kits: a flag only Ashodaya is part of. */
const OWN_FLAG = uuid(0x202);
/** Recorded but never flagged. */
const UNFLAGGED = uuid(0x101);

const submit = (key: "cbo" | "otherCbo", cboId: string, id: number, distributions: unknown[]) =>
  h.call(key, "POST", "/v1/submissions", { submissionId: uuid(id, "0190f5a2-6666-7000-8000"), cboId, distributions });
/** Posts a note under `noteId`: a new one unless the test retries one. */
const note = (key: Parameters<Harness["call"]>[0], flagId: string, text: unknown, noteId: string = randomUUID()) =>
  h.call(key, "POST", `/v1/flags/${flagId}/notes`, { noteId, note: text });
const project = async () => {
  const projector = openProjector({ store: h.store, file: h.readModelFile });
  await projector.runOnce();
  await projector.close();
};
/** The notes on a flag in the log (each in its own stream). */
const notesIn = async (flagId: string) =>
  (await h.store.readAll({ maxCount: 10_000 })).events.filter(
    (event) => event.type === "FlagNoteAdded" && (event.data as { flagId: string }).flagId === flagId,
  );
/** The notes on a flag as the query side reads them, once the projector has applied the log. */
const notesShown = async (flagId: string) => {
  await project();
  const db = openReadModel(h.readModelFile);
  try {
    return flagNotes(db, flagId, { limit: 1000 }).items.map(({ cboId, note }) => ({ cboId, note }));
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  h = await startHarness();
  await seedRegistrations(h);
  await h.call("admin", "PUT", "/v1/dedup-policy", { rules: { grocery_kit: { windowDays: 30, maxPerWindow: 1 } } });
  await submit("cbo", CBO, 1, [
    distribution(0x101, { beneficiaryRefs: person(1), distributedOn: "2021-05-01" }),
    distribution(0x201, { beneficiaryRefs: person(2), distributedOn: "2021-05-01" }),
    distribution(0x202, { beneficiaryRefs: person(2), distributedOn: "2021-05-09" }),
  ]);
  await submit("otherCbo", OTHER_CBO, 2, [
    distribution(0x102, { beneficiaryRefs: person(1), distributedOn: "2021-05-10" }),
  ]);
});
afterAll(() => h.close());

describe("POST /v1/flags/:flagId/notes", () => {
  it("refuses every note while the read model shows no flag, storing nothing", async () => {
    const refused = await note("cbo", SHARED_FLAG, "the second kit was for her sister");
    expect(refused).toMatchObject({ status: 422, body: { details: [{ path: "flagId" }] } });
    expect(await notesIn(SHARED_FLAG)).toEqual([]);
  });

  it("records a note from each CBO whose distribution is in the flag's window, as that CBO", async () => {
    await project();
    const ours = await note("cbo", SHARED_FLAG, "  Our kit on 1 May was the regular one; hers came later.  ");
    expect(ours).toMatchObject({ status: 201, body: { flagId: SHARED_FLAG, count: 1, replayed: false } });
    const theirs = await note("otherCbo", SHARED_FLAG, "She had moved to Sangli that week.");
    expect(theirs.status).toBe(201);
    const events = await notesIn(SHARED_FLAG);
    expect(events.map(({ data: { noteId: _, ...data } }) => data)).toEqual([
      { flagId: SHARED_FLAG, cboId: CBO, note: "Our kit on 1 May was the regular one; hers came later." },
      { flagId: SHARED_FLAG, cboId: OTHER_CBO, note: "She had moved to Sangli that week." },
    ]);
    expect(events[0]!.metadata).toMatchObject({ principal: { role: "cbo", cboId: CBO } });
  });

  it("records a note sent twice under one noteId once, answering the retry as the first write", async () => {
    const noteId = randomUUID();
    const text = "The second kit went to her daughter, who lives with her.";
    const first = await note("cbo", OWN_FLAG, text, noteId);
    expect(first).toMatchObject({ status: 201, body: { flagId: OWN_FLAG, count: 1, replayed: false } });
    // The answer was lost (a timeout on mobile data): the page sends the same note again.
    const retry = await note("cbo", OWN_FLAG, `  ${text} `, noteId);
    expect(retry).toMatchObject({ status: 201, body: { flagId: OWN_FLAG, count: 1, replayed: true } });
    expect(retry.body).toMatchObject({
      firstPosition: first.body.firstPosition,
      lastPosition: first.body.lastPosition,
    });
    expect((await notesIn(OWN_FLAG)).filter((event) => event.data.noteId === noteId)).toHaveLength(1);
    // The query side lags the write: ask until it shows the note, then see it once.
    await expect
      .poll(async () => (await notesShown(OWN_FLAG)).filter((shown) => shown.note === text))
      .toEqual([{ cboId: CBO, note: text }]);
  });

  it("refuses other content under a noteId already used with 409 naming noteId, quoting neither note", async () => {
    const noteId = randomUUID();
    const text = "She came twice because the first kit was damaged.";
    expect((await note("cbo", OWN_FLAG, text, noteId)).status).toBe(201);
    const before = await h.store.headPosition();
    const changed = "Her neighbour collected it for her that week.";
    const conflict = await note("cbo", OWN_FLAG, changed, noteId);
    expect(conflict).toMatchObject({
      status: 409,
      body: { details: [{ path: "noteId", message: "was recorded with other content" }] },
    });
    for (const quoted of [text, changed, "damaged", "neighbour"]) {
      expect(JSON.stringify(conflict.body)).not.toContain(quoted);
      expect(h.logs()).not.toContain(quoted);
    }
    expect(await h.store.headPosition()).toBe(before);
  });

  it("requires a noteId: a note without one, or with one that is no UUID, is 400 naming it, storing nothing", async () => {
    const before = await h.store.headPosition();
    const missing = await h.call("cbo", "POST", `/v1/flags/${OWN_FLAG}/notes`, { note: "a note with no id" });
    expect(missing).toMatchObject({ status: 400, body: { details: [{ path: "noteId" }] } });
    const wrong = await note("cbo", OWN_FLAG, "a note", randomUUID().toUpperCase());
    expect(wrong).toMatchObject({ status: 400, body: { details: [{ path: "noteId" }] } });
    expect(JSON.stringify([missing.body, wrong.body])).not.toContain("a note");
    expect(await h.store.headPosition()).toBe(before);
  });

  it("refuses a note on a flag of another CBO with 403, and on a distribution that is no flag with 422", async () => {
    const before = await h.store.headPosition();
    expect((await note("otherCbo", OWN_FLAG, "not ours")).status).toBe(403);
    const unflagged = await note("cbo", UNFLAGGED, "a note");
    expect(unflagged).toMatchObject({
      status: 422,
      body: { details: [{ path: "flagId", message: "is not a flag the ledger shows" }] },
    });
    expect((await note("cbo", uuid(0xdead), "a note")).status).toBe(422);
    expect(await h.store.headPosition()).toBe(before);
  });

  it("takes notes from CBO keys only", async () => {
    const before = await h.store.headPosition();
    for (const key of ["auditor", "admin", "donor"] as const) expect((await note(key, OWN_FLAG, "x")).status).toBe(403);
    expect((await note(undefined, OWN_FLAG, "x")).status).toBe(401);
    expect(await h.store.headPosition()).toBe(before);
  });

  it("refuses a note holding an identity number with 422 naming the note, quoting nothing, storing nothing", async () => {
    const before = await h.store.headPosition();
    const number = aadhaar(77);
    for (const text of [`her Aadhaar is ${number}`, "call her on 98450 12345", "voter card ABC1234567"]) {
      const refused = await note("cbo", OWN_FLAG, text);
      expect(refused).toMatchObject({ status: 422, body: { details: [{ path: "note" }] } });
      expect(JSON.stringify(refused.body)).not.toMatch(/\d{5}|ABC1234567/);
    }
    expect(await h.store.headPosition()).toBe(before);
    expect(h.logs()).not.toContain(number);
    expect(h.logs()).not.toContain("98450");
  });

  it(`bounds a note to ${FLAG_NOTE_MAX} characters and refuses an empty one, naming the note`, async () => {
    const before = await h.store.headPosition();
    for (const text of ["x".repeat(FLAG_NOTE_MAX + 1), "   ", 42]) {
      const refused = await note("cbo", OWN_FLAG, text);
      expect(refused).toMatchObject({ status: 400, body: { details: [{ path: "note" }] } });
    }
    expect((await h.call("cbo", "POST", `/v1/flags/${OWN_FLAG}/notes`, { note: "ok", cboId: OTHER_CBO })).status).toBe(
      400,
    );
    expect(await h.store.headPosition()).toBe(before);
    expect((await note("cbo", OWN_FLAG, "x".repeat(FLAG_NOTE_MAX))).status).toBe(201);
  });
});

import type { Database } from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { earlierDistributions, flagById, flagOutcomes, flagPage, flagWindow, flags } from "../queries/flags.js";
import type { FlagFilter } from "../queries/flags.js";
import { cbo, distribution, pn, policy, resolution, uid, voidOf, uidNumber as n } from "../testing/events.testkit.js";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";

const SANGAMA = "sangama-blr";
const VAMP = "vamp-sangli";
const { project } = ledgerPerTest();

/** The distributions before a flag in its window, read back page by page from its reference. */
function earlierOf(db: Database, flagId: string, limit = 2): string[] {
  const window = flagWindow(db, flagId)!;
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = earlierDistributions(db, window, { limit, ...(cursor === undefined ? {} : { cursor }) });
    ids.push(...page.items.map((d) => d.distributionId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return ids;
}

/** Flags as [flag, person, service, earlier, CBOs], by number; the earlier ones as many as counted. */
const flagged = (db: Database, filter?: FlagFilter) =>
  flags(db, filter).map((f) => {
    const earlier = earlierOf(db, f.flagId);
    expect(earlier).toHaveLength(f.earlierCount);
    return [n(f.flagId), n(f.personId), f.service, earlier.map(n), f.cboIds];
  });

/** One person per pseudonym number: the default policy's edges. */
const LEDGER = [
  cbo(SANGAMA, "IN-KA"),
  cbo(VAMP, "IN-MH"),
  // Person 1: grocery kits exactly 30 days apart, so the second is outside the first's window.
  distribution({ id: 11, cboId: SANGAMA, on: "2020-04-01", people: [1] }),
  distribution({ id: 12, cboId: SANGAMA, on: "2020-05-01", people: [1] }),
  // Person 2: 29 days apart: the second is excess.
  distribution({ id: 21, cboId: SANGAMA, on: "2020-04-01", people: [2] }),
  distribution({ id: 22, cboId: SANGAMA, on: "2020-04-30", people: [2] }),
  // Person 3: ART 24 days apart (excess under 25 days); person 4: 25 days apart (not).
  distribution({ id: 31, cboId: SANGAMA, on: "2020-06-01", people: [3], service: "art_medicine" }),
  distribution({ id: 32, cboId: SANGAMA, on: "2020-06-25", people: [3], service: "art_medicine" }),
  distribution({ id: 41, cboId: SANGAMA, on: "2020-06-01", people: [4], service: "art_medicine" }),
  distribution({ id: 42, cboId: SANGAMA, on: "2020-06-26", people: [4], service: "art_medicine" }),
  // Person 5 takes a kit at each CBO; VAMP records her Aadhaar (5) and her phone (6).
  distribution({ id: 51, cboId: SANGAMA, on: "2020-07-01", people: [5] }),
  distribution({ id: 52, cboId: VAMP, on: "2020-07-10", people: [6, 5] }),
  // Cooked food has no rule: a meal a day is expected.
  distribution({ id: 61, cboId: SANGAMA, on: "2020-07-01", people: [1], service: "cooked_food" }),
  distribution({ id: 62, cboId: SANGAMA, on: "2020-07-02", people: [1], service: "cooked_food" }),
];

describe("duplicate-benefit flags", () => {
  it("flags what exceeds the default policy, at its window's edge and across CBOs", async () => {
    const db = await project(...LEDGER);
    expect(flagged(db)).toEqual([
      [22, 2, "grocery_kit", [21], [SANGAMA]],
      [32, 3, "art_medicine", [31], [SANGAMA]],
      [52, 5, "grocery_kit", [51], [SANGAMA, VAMP]],
    ]);
    expect(flags(db)[2]).toMatchObject({
      personId: pn(5),
      distributedOn: "2020-07-10",
      cboId: VAMP,
      windowDays: 30,
      maxPerWindow: 1,
      status: "open",
      resolution: null,
    });
  });

  it("filters by CBO, service, the state of a CBO involved, and status", async () => {
    const db = await project(...LEDGER, resolution(32, "confirmed", "same card twice"));
    expect(flagged(db, { cboId: VAMP }).map(([flag]) => flag)).toEqual([52]);
    expect(flagged(db, { state: "IN-MH" }).map(([flag]) => flag)).toEqual([52]);
    expect(flagged(db, { state: "IN-KA", service: "grocery_kit" }).map(([flag]) => flag)).toEqual([22, 52]);
    expect(flagged(db, { status: "resolved" }).map(([flag]) => flag)).toEqual([32]);
    expect(flagged(db, { status: "open", cboId: SANGAMA }).map(([flag]) => flag)).toEqual([22, 52]);
    expect(flags(db, { status: "resolved" })[0]?.resolution).toEqual({
      verdict: "confirmed",
      note: "same card twice",
      resolvedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("filters by month and by how many CBOs are involved, orders newest first, and counts outcomes per month", async () => {
    const db = await project(...LEDGER, resolution(32, "confirmed", "same card twice"));
    expect(flagged(db, { month: "2020-04" }).map(([flag]) => flag)).toEqual([22]);
    expect(flagged(db, { month: "2020-06" }).map(([flag]) => flag)).toEqual([32]);
    expect(flagged(db, { month: "2020-05" })).toEqual([]);
    expect(flagged(db, { minCbos: 2 }).map(([flag]) => flag)).toEqual([52]);
    expect(flagged(db, { minCbos: 1, service: "grocery_kit" }).map(([flag]) => flag)).toEqual([22, 52]);
    expect(flagged(db, { minCbos: 3 })).toEqual([]);
    // Newest first, a page at a time, the cursor going backwards.
    let page = flagPage(db, {}, { limit: 2 }, "newest");
    expect(page.items.map((f) => n(f.flagId))).toEqual([52, 32]);
    page = flagPage(db, {}, { limit: 2, cursor: page.nextCursor! }, "newest");
    expect([page.items.map((f) => n(f.flagId)), page.nextCursor]).toEqual([[22], null]);
    expect(flagOutcomes(db)).toEqual([
      { month: "2020-04", open: 1, confirmed: 0, dismissed: 0 },
      { month: "2020-06", open: 0, confirmed: 1, dismissed: 0 },
      { month: "2020-07", open: 1, confirmed: 0, dismissed: 0 },
    ]);
    expect(flagOutcomes(db, { cboId: VAMP })).toEqual([{ month: "2020-07", open: 1, confirmed: 0, dismissed: 0 }]);
    expect(flagById(db, uid(32))).toEqual(flags(db, { status: "resolved" })[0]);
    expect(flagById(db, uid(99))).toBeUndefined();
  });

  it("gives each earlier distribution its value and funding: the person's history, pseudonymous", async () => {
    const db = await project(...LEDGER);
    const [earlier] = earlierDistributions(db, flagWindow(db, uid(52))!).items;
    expect(earlier).toEqual({
      distributionId: uid(51),
      distributedOn: "2020-07-01",
      cboId: SANGAMA,
      valuePaise: expect.any(Number),
      fundingKind: expect.stringMatching(/^(fund|auto|scheme)$/),
      fundId: expect.toBeOneOf([null, expect.any(String)]),
      scheme: expect.toBeOneOf([null, expect.any(String)]),
    });
  });

  it("drops a flag when a void removes the excess, and when a void splits the person", async () => {
    let db = await project(...LEDGER);
    db = await project(voidOf(21, SANGAMA));
    expect(flagged(db).map(([flag]) => flag)).toEqual([32, 52]);
    // Without VAMP's record naming both documents, Aadhaar 5 and phone 6 are two people.
    db = await project(voidOf(52, VAMP), distribution({ id: 53, cboId: VAMP, on: "2020-07-10", people: [6] }));
    expect(flagged(db).map(([flag]) => flag)).toEqual([32]);
    // A later record joins them again, and the flag comes back on the kit now in the window.
    db = await project(
      distribution({ id: 54, cboId: VAMP, on: "2020-12-01", people: [6, 5], service: "health_referral" }),
    );
    expect(flagged(db)).toEqual([
      [32, 3, "art_medicine", [31], [SANGAMA]],
      [53, 5, "grocery_kit", [51], [SANGAMA, VAMP]],
    ]);
  });

  it("replaces every flag when the policy changes, keeping resolutions for flags that come back", async () => {
    let db = await project(...LEDGER, resolution(12, "dismissed", "a second kit was allowed"));
    expect(flagged(db).map(([flag]) => flag)).toEqual([22, 32, 52]);
    db = await project(
      policy({ grocery_kit: { windowDays: 31, maxPerWindow: 1 }, art_medicine: null }),
      policy({ cooked_food: { windowDays: 1, maxPerWindow: 1 } }),
    );
    expect(flagged(db)).toEqual([
      [22, 2, "grocery_kit", [21], [SANGAMA]],
      [12, 1, "grocery_kit", [11], [SANGAMA]],
      [52, 5, "grocery_kit", [51], [SANGAMA, VAMP]],
    ]);
    expect(flags(db, { status: "resolved" }).map((f) => [f.flagId, f.resolution?.verdict])).toEqual([
      [uid(12), "dismissed"],
    ]);
    // Back to the 30-day window: flag 12 goes, its resolution stays for auditors.
    db = await project(policy({ grocery_kit: { windowDays: 30, maxPerWindow: 1 } }));
    expect(flagged(db).map(([flag]) => flag)).toEqual([22, 52]);
    expect(db.prepare("SELECT flag_id FROM flag_resolutions").pluck().all()).toEqual([uid(12)]);
  });

  it("pages flags and a flag's evidence with opaque cursors, by date then id", async () => {
    const kits = Array.from({ length: 7 }, (_, i) =>
      distribution({ id: 100 + i, cboId: i % 2 ? VAMP : SANGAMA, on: `2020-08-0${1 + (i % 3)}`, people: [9] }),
    );
    const db = await project(cbo(SANGAMA, "IN-KA"), cbo(VAMP, "IN-MH"), ...kits);
    const all = flags(db).map((f) => f.flagId);
    expect(all).toHaveLength(6);
    const paged: string[] = [];
    let page = flagPage(db, {}, { limit: 4 });
    paged.push(...page.items.map((f) => f.flagId));
    expect(page.items).toHaveLength(4);
    page = flagPage(db, {}, { limit: 4, cursor: page.nextCursor! });
    paged.push(...page.items.map((f) => f.flagId));
    expect(page.nextCursor).toBeNull();
    expect(paged).toEqual(all);
    // The last kit's window holds all six before it, read two at a time.
    const last = flags(db).at(-1)!;
    expect(last).toMatchObject({ earlierCount: 6, windowOpensOn: "2020-07-05", cboIds: [SANGAMA, VAMP] });
    expect(last.flagId).toBe(uid(105));
    // By date (1st: 100, 103, 106; 2nd: 101, 104; 3rd: 102, 105), then id.
    expect(earlierOf(db, last.flagId, 2).map(n)).toEqual([100, 103, 106, 101, 104, 102]);
    expect(() => flagPage(db, {}, { cursor: "not-a-cursor" })).toThrow(/cursor/);
    expect(() => flagPage(db, {}, { limit: 1001 })).toThrow(/limit/);
  });

  it("moves a flag to the person a batch merges its owner into", async () => {
    let db = await project(
      distribution({ id: 1, cboId: SANGAMA, on: "2020-04-01", people: [5] }),
      distribution({ id: 2, cboId: SANGAMA, on: "2020-04-10", people: [5] }),
    );
    expect(flagged(db)).toEqual([[2, 5, "grocery_kit", [1], [SANGAMA]]]);
    // One batch: person 3 appears, then absorbs person 5 and her flag.
    db = await project(
      distribution({ id: 3, cboId: SANGAMA, on: "2020-06-01", people: [3], service: "cooked_food" }),
      distribution({ id: 4, cboId: SANGAMA, on: "2020-06-02", people: [5, 3], service: "cooked_food" }),
    );
    expect(flagged(db)).toEqual([[2, 3, "grocery_kit", [1], [SANGAMA]]]);
  });
});

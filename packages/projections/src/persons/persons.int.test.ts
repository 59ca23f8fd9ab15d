import { describe, expect, it } from "vitest";
import { distribution, pn, uid, voidOf } from "../testing/events.testkit.js";
import { openLedger } from "../testing/ledger.testkit.js";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";

const CBO = "sangama-blr";
const ledgers = ledgerPerTest();

describe("persons", () => {
  it("joins an Aadhaar and a phone through a record naming both, and splits them when it is voided", async () => {
    const ledger = await ledgers.open();
    // pn(10) is her Aadhaar, pn(5) her phone: two people until a record names both.
    await ledger.append(
      distribution({ id: 1, cboId: CBO, on: "2020-04-01", people: [10], service: "cooked_food" }),
      distribution({ id: 2, cboId: CBO, on: "2020-04-02", people: [5], service: "cooked_food" }),
    );
    let db = await ledger.project();
    const persons = () => db.prepare("SELECT person_id, distributions FROM persons ORDER BY 1").all();
    const cell = () => db.prepare("SELECT distributions, persons FROM cbo_cells").get();
    expect(persons()).toEqual([
      { person_id: pn(5), distributions: 1 },
      { person_id: pn(10), distributions: 1 },
    ]);
    expect(cell()).toEqual({ distributions: 2, persons: 2 });

    await ledger.append(distribution({ id: 3, cboId: CBO, on: "2020-04-03", people: [10, 5], service: "cooked_food" }));
    db = await ledger.project();
    expect(persons()).toEqual([{ person_id: pn(5), distributions: 3 }]);
    expect(db.prepare("SELECT DISTINCT person_id FROM distributions").pluck().all()).toEqual([pn(5)]);
    expect(cell()).toEqual({ distributions: 3, persons: 1 });

    await ledger.append(voidOf(3, CBO));
    db = await ledger.project();
    expect(persons()).toEqual([
      { person_id: pn(5), distributions: 1 },
      { person_id: pn(10), distributions: 1 },
    ]);
    expect(db.prepare("SELECT pseudonym, person_id FROM pseudonym_persons ORDER BY 1").all()).toEqual([
      { pseudonym: pn(5), person_id: pn(5) },
      { pseudonym: pn(10), person_id: pn(10) },
    ]);
    expect(cell()).toEqual({ distributions: 2, persons: 2 });
  });

  it("splits a chain at a voided middle link, and forgets a person whose only record is voided", async () => {
    const ledger = await ledgers.open();
    await ledger.append(
      distribution({ id: 1, cboId: CBO, on: "2020-04-01", people: [1, 2] }),
      distribution({ id: 2, cboId: CBO, on: "2020-05-01", people: [2, 3] }),
      distribution({ id: 3, cboId: CBO, on: "2020-06-01", people: [3, 4] }),
      distribution({ id: 4, cboId: CBO, on: "2020-06-01", people: [9] }),
      voidOf(2, CBO),
      voidOf(4, CBO),
    );
    const db = await ledger.project();
    expect(db.prepare("SELECT person_id, distributions FROM persons ORDER BY 1").all()).toEqual([
      { person_id: pn(1), distributions: 1 },
      { person_id: pn(3), distributions: 1 },
    ]);
    expect(db.prepare("SELECT distribution_id, person_id FROM distributions ORDER BY 1").all()).toEqual([
      { distribution_id: uid(1), person_id: pn(1) },
      { distribution_id: uid(2), person_id: null },
      { distribution_id: uid(3), person_id: pn(3) },
      { distribution_id: uid(4), person_id: null },
    ]);
    expect(db.prepare("SELECT pseudonym FROM pseudonym_persons ORDER BY 1").pluck().all()).toEqual([
      pn(1),
      pn(2),
      pn(3),
      pn(4),
    ]);
  });

  it("names a person by her smallest pseudonym whatever order her records arrive in", async () => {
    const records = [
      distribution({ id: 1, cboId: CBO, on: "2020-04-01", people: [7] }),
      distribution({ id: 2, cboId: CBO, on: "2020-04-02", people: [3, 7] }),
      distribution({ id: 3, cboId: CBO, on: "2020-04-03", people: [8, 3] }),
    ];
    const results = [];
    for (const order of [records, records.toReversed(), [records[1]!, records[2]!, records[0]!]]) {
      const other = await openLedger({ batchSize: 1 });
      await other.append(...order);
      const db = await other.project();
      results.push(db.prepare("SELECT person_id, distributions FROM persons ORDER BY 1").all());
      await other.close();
    }
    expect(results).toEqual(Array(3).fill([{ person_id: pn(3), distributions: 3 }]));
  });
});

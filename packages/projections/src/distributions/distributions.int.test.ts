import { describe, expect, it } from "vitest";
import { cboTotals } from "../queries/cbo-totals.js";
import { cbo, distribution, uid, voidOf } from "../testing/events.testkit.js";
import type { Ledger } from "../testing/ledger.testkit.js";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";

const ledgers = ledgerPerTest();

/** The log's positions in order, as the read models store them (decimal strings). */
const logPositions = async (ledger: Ledger) =>
  (await ledger.store.readAll()).events.map((event) => String(event.position));

describe("distributions", () => {
  it("counts a distributionId recorded in two submissions once and reports the repeat", async () => {
    const ledger = await ledgers.open();
    await ledger.append(
      cbo("sangama-blr"),
      distribution({ id: 1, cboId: "sangama-blr", on: "2020-04-10", people: [1], submission: 1 }),
      distribution({ id: 1, cboId: "sangama-blr", on: "2020-04-11", people: [2], submission: 2, valuePaise: 999 }),
    );
    const db = await ledger.project();
    const at = await logPositions(ledger);

    expect(db.prepare("SELECT distribution_id, position, value_paise FROM distributions").all()).toEqual([
      { distribution_id: uid(1), position: at[1], value_paise: 100_000 },
    ]);
    expect(db.prepare("SELECT * FROM repeated_distributions").all()).toEqual([
      { position: at[2], distribution_id: uid(1), first_position: at[1], submission_id: uid(2), cbo_id: "sangama-blr" },
    ]);
    expect(cboTotals(db, "sangama-blr")?.overall).toMatchObject({ distributions: 1, valuePaise: 100_000, persons: 1 });
  });

  it("applies a void that arrives before its record, and keeps the first of two voids", async () => {
    const ledger = await ledgers.open();
    await ledger.append(
      voidOf(1, "sangama-blr"),
      distribution({ id: 1, cboId: "sangama-blr", on: "2020-04-10", people: [1] }),
      distribution({ id: 2, cboId: "sangama-blr", on: "2020-04-10", people: [2] }),
      voidOf(2, "sangama-blr"),
      { type: "DistributionVoided", data: { distributionId: uid(2), cboId: "sangama-blr", reason: "again" } },
    );
    const db = await ledger.project();

    expect(db.prepare("SELECT distribution_id, voided, person_id FROM distributions ORDER BY 1").all()).toEqual([
      { distribution_id: uid(1), voided: 1, person_id: null },
      { distribution_id: uid(2), voided: 1, person_id: null },
    ]);
    const at = await logPositions(ledger);
    expect(db.prepare("SELECT distribution_id, position, reason FROM voids ORDER BY 1").all()).toEqual([
      { distribution_id: uid(1), position: at[0], reason: "entered in error" },
      { distribution_id: uid(2), position: at[3], reason: "entered in error" },
    ]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM persons").get()).toEqual({ n: 0 });
    expect(cboTotals(db, "sangama-blr")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { cbo, distribution, donor, fund } from "../testing/events.testkit.js";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";
import { cboTotals } from "./cbo-totals.js";
import { coalitionTotals } from "./coalition-totals.js";
import { donorAttribution } from "./donor-attribution.js";
import { flags } from "./flags.js";
import { cboIds, donorIds, readModelCheckpoint } from "./listing.js";

const ledgers = ledgerPerTest();

const ZERO = { distributions: 0, valuePaise: 0, persons: 0, attributedPaise: 0, unfundedPaise: 0, schemePaise: 0 };

describe("queries", () => {
  it("answer an empty read model with zeros and unknowns", async () => {
    const ledger = await ledgers.open();
    const db = await ledger.project();
    expect(coalitionTotals(db)).toEqual({
      overall: { ...ZERO, cbos: 0, funds: 0, receivedPaise: 0 },
      cells: [],
      fundsReceived: [],
    });
    expect(cboTotals(db, "sangama-blr")).toBeUndefined();
    expect(donorAttribution(db, "azim-trust")).toBeUndefined();
    expect(flags(db)).toEqual([]);
  });

  it("know a registered CBO or donor before anything was distributed or given", async () => {
    const ledger = await ledgers.open();
    await ledger.append(cbo("sangama-blr", "IN-KA"), donor("azim-trust"));
    const db = await ledger.project();
    expect(cboTotals(db, "sangama-blr")).toEqual({
      cboId: "sangama-blr",
      cbo: { name: "CBO sangama-blr", state: "IN-KA", district: "Bengaluru Urban" },
      overall: { ...ZERO, funds: 0, receivedPaise: 0 },
      cells: [],
      fundsReceived: [],
    });
    expect(donorAttribution(db, "azim-trust")).toEqual({
      donorId: "azim-trust",
      donor: { name: "Donor azim-trust", kind: "trust" },
      funds: [],
      overall: { funds: 0, receivedPaise: 0, attributedPaise: 0, remainingPaise: 0, persons: 0 },
    });
  });

  it("report a CBO whose distributions arrived before its registration", async () => {
    const ledger = await ledgers.open();
    await ledger.append(distribution({ id: 1, cboId: "late-cbo", on: "2020-04-01", people: [1] }));
    const totals = cboTotals(await ledger.project(), "late-cbo");
    expect(totals?.cbo).toBeNull();
    expect(totals?.overall).toMatchObject({ distributions: 1, valuePaise: 100_000, unfundedPaise: 100_000 });
  });

  it("list every CBO and donor the model knows, registered or not, and say how far it got", async () => {
    const ledger = await ledgers.open();
    expect(readModelCheckpoint(await ledger.project())).toBeUndefined();
    await ledger.append(
      cbo("sangama-blr"),
      donor("azim-trust"),
      distribution({ id: 1, cboId: "late-cbo", on: "2020-04-01", people: [1] }),
      fund({ fund: 1, cboId: "sangama-blr", donorId: "late-donor", amountPaise: 1_000, receivedOn: "2020-04-01" }),
    );
    const db = await ledger.project();
    expect(cboIds(db)).toEqual(["late-cbo", "sangama-blr"]);
    expect(donorIds(db)).toEqual(["azim-trust", "late-donor"]);
    expect(readModelCheckpoint(db)).toBe(String(await ledger.store.headPosition()));
  });
});

import { describe, expect, it } from "vitest";
import { cbo, distribution, voidOf } from "../testing/events.testkit.js";
import { ledgerPerTest } from "../testing/ledger-per-test.testkit.js";
import { cboDirectory, stateValueCells } from "./geography.js";

const ledgers = ledgerPerTest();

describe("geography queries", () => {
  it("given CBOs in two states, when value is distributed, then the state cells sum money per state and leave counts out", async () => {
    const ledger = await ledgers.open();
    await ledger.append(
      cbo("sangama-blr", "IN-KA"),
      cbo("ashodaya-mys", "IN-KA"),
      cbo("durbar-kol", "IN-WB"),
      distribution({ id: 1, cboId: "sangama-blr", on: "2021-05-02", people: [1], valuePaise: 1_000 }),
      distribution({ id: 2, cboId: "ashodaya-mys", on: "2021-05-09", people: [1], valuePaise: 2_500 }),
      distribution({ id: 3, cboId: "durbar-kol", on: "2021-06-01", people: [2], valuePaise: 700 }),
      distribution({ id: 4, cboId: "durbar-kol", on: "2021-06-03", people: [3], valuePaise: 9_999 }),
      voidOf(4, "durbar-kol"),
    );
    const db = await ledger.project();
    expect(stateValueCells(db)).toEqual([
      { state: "IN-KA", service: "grocery_kit", month: "2021-05", valuePaise: 3_500 },
      { state: "IN-WB", service: "grocery_kit", month: "2021-06", valuePaise: 700 },
    ]);
    expect(cboDirectory(db).map((c) => [c.state, c.cboId])).toEqual([
      ["IN-KA", "ashodaya-mys"],
      ["IN-KA", "sangama-blr"],
      ["IN-WB", "durbar-kol"],
    ]);
  });
});

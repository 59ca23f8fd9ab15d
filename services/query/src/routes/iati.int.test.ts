import { activitySums, codeErrors, paiseOf, schemaErrors } from "@relief-ledger/iati/testing";
import { byFund, byScheme, cbo, distribution, donor, fund } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANGAMA_KIT_FUND, startQueryHarness, type QueryHarness } from "../testing/index.testkit.js";

// Given the trust's two funds to Sangama (Karnataka): ₹10,000 for grocery kits and ₹2,500 for any
// service. Kits of ₹1,500 in May and June, an ART refill of ₹800 paid by the second fund, and one
// through a scheme (no donor money). "other-trust" is registered with no funds.
const LEDGER = [
  cbo("sangama-blr", "IN-KA"),
  donor("azim-trust"),
  donor("other-trust"),
  SANGAMA_KIT_FUND,
  fund({ fund: 2, cboId: "sangama-blr", amountPaise: 250_000, receivedOn: "2021-04-21" }),
  ...[1, 2, 3, 4, 5, 6].map((id) =>
    distribution({
      id,
      cboId: "sangama-blr",
      on: id < 4 ? "2021-05-03" : "2021-06-03",
      people: [id],
      valuePaise: 150_000,
      funding: byFund(1),
      submission: 100,
    }),
  ),
  distribution({
    id: 7,
    cboId: "sangama-blr",
    on: "2021-05-12",
    people: [7],
    service: "art_medicine",
    valuePaise: 80_000,
    funding: byFund(2),
    submission: 100,
  }),
  distribution({
    id: 8,
    cboId: "sangama-blr",
    on: "2021-05-12",
    people: [8],
    service: "art_medicine",
    valuePaise: 80_000,
    funding: byScheme("NACO"),
    submission: 100,
  }),
];

let h: QueryHarness;
beforeAll(async () => {
  h = await startQueryHarness({
    events: LEDGER,
    app: { iatiReportingOrg: { ref: "XI-IATI-TEST", name: "Test coalition", type: "24" } },
  });
});
afterAll(() => h.close());

const get = (who: keyof QueryHarness["keys"], url: string) => h.get(who, url);

describe("GET /v1/donors/:donorId/iati", () => {
  it("gives a donor its funds as a schema-valid IATI 2.03 file whose sums equal its attribution to the paisa", async () => {
    const response = await get("donor", "/v1/donors/azim-trust/iati");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/xml; charset=utf-8");
    const xml = response.body;
    expect(await schemaErrors(xml)).toEqual([]);
    expect(codeErrors(xml)).toEqual([]);
    const attribution = (await get("donor", "/v1/donors/azim-trust/attribution")).json();
    expect(activitySums(xml)).toEqual(
      attribution.funds.map((f: { fundId: string; receivedPaise: number; attributedPaise: number }) => ({
        identifier: `XI-IATI-TEST-${f.fundId}`,
        incomingPaise: f.receivedPaise,
        expenditurePaise: f.attributedPaise,
      })),
    );
    // And cell by cell: each cell the donor sees is one expenditure of that amount; the cells the
    // small-cell rule hides (May's three kits and their complement) are one, without service or month.
    const funds = attribution.funds as {
      cells: { service: string; month: string; paise: number | null }[];
      suppressedPaise: number;
    }[];
    for (const cell of funds.flatMap((f) => f.cells).filter((c) => c.paise !== null)) {
      const [, value] = new RegExp(
        `<value [^>]*>([^<]*)</value>\\s*<description>\\s*<narrative>${cell.service}, ${cell.month}<`,
      ).exec(xml)!;
      expect(paiseOf(value!)).toBe(cell.paise);
    }
    expect(funds[0]!.suppressedPaise).toBeGreaterThan(0);
    const [, hidden] =
      /<value [^>]*>([^<]*)<\/value>\s*<description>\s*<narrative>Distributions in cells too small/.exec(xml)!;
    expect(paiseOf(hidden!)).toBe(funds[0]!.suppressedPaise);
    // The scheme's ART refill is no donor's money: it is in no transaction.
    expect(activitySums(xml).reduce((sum, a) => sum + a.expenditurePaise, 0)).toBe(6 * 150_000 + 80_000);
    // The single ART refill is a small cell: hidden from the donor, its sector with it.
    expect(xml).not.toContain('<sector vocabulary="1" code="13040"/>');
    expect(xml).toContain('<location ref="IN-KA">');
  });

  it("lets an auditor read any donor's file, and a donor only its own", async () => {
    const whole = await get("auditor", "/v1/donors/azim-trust/iati");
    expect(whole.statusCode).toBe(200);
    // Auditors see every cell: the ART refill with its sector, nothing hidden.
    expect(whole.body).toContain('<sector vocabulary="1" code="13040"/>');
    expect(whole.body).not.toContain("too small");
    expect(await schemaErrors(whole.body)).toEqual([]);
    expect((await get("otherDonor", "/v1/donors/azim-trust/iati")).statusCode).toBe(403);
    expect((await get("cbo", "/v1/donors/azim-trust/iati")).statusCode).toBe(403);
    expect((await h.get(undefined, "/v1/donors/azim-trust/iati")).statusCode).toBe(401);
  });

  it("answers 404 for an unknown donor and for a donor with no funds, and 400 naming a bad id", async () => {
    expect((await get("auditor", "/v1/donors/nobody-here/iati")).statusCode).toBe(404);
    expect((await get("otherDonor", "/v1/donors/other-trust/iati")).statusCode).toBe(404);
    const bad = await get("auditor", "/v1/donors/NOT_A_SLUG/iati");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("donorId");
    expect(bad.body).not.toContain("NOT_A_SLUG");
  });
});

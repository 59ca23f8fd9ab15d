import { byFund, byScheme, cbo, distribution, donor, fund } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQueryHarness, type QueryHarness } from "../testing/index.testkit.js";

// One person at Sangama paid by a fund, one at VAMP through a scheme, one of its own means.
const LEDGER = [
  cbo("sangama-blr", "IN-KA"),
  cbo("vamp-sangli", "IN-MH"),
  donor("azim-trust"),
  donor("tata-trust"),
  fund({ fund: 1, cboId: "sangama-blr", amountPaise: 500_000, receivedOn: "2021-04-01" }),
  distribution({ id: 1, cboId: "sangama-blr", on: "2021-05-01", people: [1], valuePaise: 150_000, funding: byFund(1) }),
  distribution({ id: 2, cboId: "vamp-sangli", on: "2021-05-02", people: [2], valuePaise: 70_000, funding: byScheme() }),
  distribution({ id: 3, cboId: "vamp-sangli", on: "2021-05-03", people: [3], valuePaise: 30_000 }),
];

let h: QueryHarness;
beforeAll(async () => {
  h = await startQueryHarness({ events: LEDGER });
});
afterAll(() => h.close());

const get = (url: string, who?: keyof QueryHarness["keys"]) => h.get(who, url);

describe("where the money went, for auditors (GET /v1/donors, GET /v1/totals/cbos)", () => {
  it("lists every donor with what it gave, attributed and left, whole", async () => {
    const response = await get("/v1/donors", "auditor");
    expect(response.statusCode).toBe(200);
    expect(response.json().donors).toEqual([
      expect.objectContaining({
        donorId: "azim-trust",
        funds: 1,
        receivedPaise: 500_000,
        attributedPaise: 150_000,
        remainingPaise: 350_000,
        persons: 1,
      }),
      expect.objectContaining({ donorId: "tata-trust", funds: 0, receivedPaise: 0, persons: 0 }),
    ]);
  });

  it("gives each CBO's value split into paid by funds, unfunded and scheme-facilitated", async () => {
    const { cbos } = (await get("/v1/totals/cbos", "auditor")).json<{ cbos: Record<string, unknown>[] }>();
    expect(cbos).toEqual([
      expect.objectContaining({
        cboId: "sangama-blr",
        valuePaise: 150_000,
        attributedPaise: 150_000,
        unfundedPaise: 0,
        schemePaise: 0,
      }),
      expect.objectContaining({
        cboId: "vamp-sangli",
        valuePaise: 100_000,
        attributedPaise: 0,
        unfundedPaise: 30_000,
        schemePaise: 70_000,
        persons: 2,
      }),
    ]);
  });

  it.each(["donor", "cbo", "admin"] as const)("refuses a %s key (403) and no key (401)", async (who) => {
    for (const url of ["/v1/donors", "/v1/totals/cbos"]) {
      expect((await get(url, who)).statusCode, url).toBe(403);
      expect((await get(url)).statusCode, url).toBe(401);
    }
  });
});

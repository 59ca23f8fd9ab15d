import { PROBLEMS } from "@relief-ledger/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FUND_PAISE } from "@relief-ledger/domain";
import { CBO, DONOR, TODAY, distribution, seed, startHarness, uuid, type Harness } from "../testing/harness.testkit.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await seed(h);
  await h.call("cbo", "POST", "/v1/submissions", {
    submissionId: uuid(1, "0190f5a2-6666-7000-8000"),
    cboId: CBO,
    distributions: [distribution(1), distribution(2)],
  });
});
afterAll(() => h.close());

describe("registrations and funds", () => {
  it("registers a CBO once; the same details again are a retry, other details a 409", async () => {
    const cbo = { cboId: "sangram-sangli", name: "SANGRAM", state: "IN-MH", district: "Sangli" };
    expect(await h.call("admin", "POST", "/v1/cbos", cbo)).toMatchObject({ status: 201, body: { replayed: false } });
    expect(await h.call("admin", "POST", "/v1/cbos", cbo)).toMatchObject({ status: 201, body: { replayed: true } });
    expect(await h.call("admin", "POST", "/v1/cbos", { ...cbo, district: "Satara" })).toMatchObject({ status: 409 });
  });

  it("admits only admins to registrations and funds, storing nothing for others", async () => {
    const head = await h.store.headPosition();
    for (const role of ["cbo", "donor", "auditor"] as const) {
      expect(
        (await h.call(role, "POST", "/v1/donors", { donorId: "new-donor", name: "N", kind: "individual" })).status,
      ).toBe(403);
    }
    expect(await h.store.headPosition()).toBe(head);
  });

  it("refuses a fund from an unknown donor to an unknown CBO with 422 naming both", async () => {
    const response = await h.call("admin", "POST", "/v1/funds", {
      fundId: uuid(0xf100),
      donorId: "nobody-here",
      cboId: "nowhere-cbo",
      amountPaise: 100,
      receivedOn: "2021-04-01",
    });
    expect(response).toMatchObject({ status: 422, body: { details: [{ path: "donorId" }, { path: "cboId" }] } });
  });

  it("bounds receivedOn as distributedOn is: 422 naming it for a future or pre-2000 date, storing nothing", async () => {
    const head = await h.store.headPosition();
    const fund = { donorId: DONOR, cboId: CBO, amountPaise: 100 };
    for (const [i, receivedOn, message] of [
      [1, "9999-12-31", PROBLEMS["date.future"]],
      [2, "2021-07-01", PROBLEMS["date.future"]],
      [3, "0000-01-01", PROBLEMS["date.tooOld"]],
      [4, "1999-12-31", PROBLEMS["date.tooOld"]],
    ] as const) {
      const response = await h.call("admin", "POST", "/v1/funds", { ...fund, fundId: uuid(0xf200 + i), receivedOn });
      expect(response).toMatchObject({ status: 422, body: { details: [{ path: "receivedOn", message }] } });
    }
    expect(await h.store.headPosition()).toBe(head);
    const today = await h.call("admin", "POST", "/v1/funds", { ...fund, fundId: uuid(0xf205), receivedOn: TODAY });
    expect(today.status).toBe(201);
  });

  it("refuses an amount above the per-fund bound (Rs 100 crore) with a 400 naming it, storing nothing", async () => {
    const head = await h.store.headPosition();
    for (const [i, amountPaise] of [
      [1, MAX_FUND_PAISE + 1],
      [2, Number.MAX_SAFE_INTEGER],
    ] as const) {
      const response = await h.call("admin", "POST", "/v1/funds", {
        fundId: uuid(0xf300 + i),
        donorId: DONOR,
        cboId: CBO,
        amountPaise,
        receivedOn: "2021-04-01",
      });
      expect(response).toMatchObject({
        status: 400,
        body: { details: [{ path: "amountPaise", message: expect.stringMatching(/at most .* \(Rs 100 crore\)/) }] },
      });
    }
    expect(await h.store.headPosition()).toBe(head);
  });

  it("names bad fields of a registration in a 400", async () => {
    const response = await h.call("admin", "POST", "/v1/donors", { donorId: "X", name: "", kind: "alien" });
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { path: string }) => d.path).sort()).toEqual(["donorId", "kind", "name"]);
  });
});

describe("voids", () => {
  it("voids a CBO's own distribution once; a second void is a 422", async () => {
    expect(await h.call("cbo", "POST", `/v1/distributions/${uuid(1)}/void`, { reason: "entered twice" })).toMatchObject(
      { status: 201 },
    );
    expect(await h.call("cbo", "POST", `/v1/distributions/${uuid(1)}/void`, { reason: "again" })).toMatchObject({
      status: 422,
      body: { details: [{ message: "is already voided" }] },
    });
  });

  it("refuses another CBO's key with 403 and an unknown distribution with 422", async () => {
    expect((await h.call("otherCbo", "POST", `/v1/distributions/${uuid(2)}/void`, { reason: "not mine" })).status).toBe(
      403,
    );
    expect((await h.call("cbo", "POST", `/v1/distributions/${uuid(0xbad)}/void`, { reason: "?" })).status).toBe(422);
    expect((await h.call("admin", "POST", `/v1/distributions/${uuid(2)}/void`, { reason: "?" })).status).toBe(403);
  });
});

describe("dedup policy and flags", () => {
  it("lets an admin replace rules and refuses everyone else", async () => {
    const rules = { rules: { grocery_kit: { windowDays: 14, maxPerWindow: 1 }, cooked_food: null } };
    expect(await h.call("admin", "PUT", "/v1/dedup-policy", rules)).toMatchObject({ status: 201 });
    expect((await h.call("cbo", "PUT", "/v1/dedup-policy", rules)).status).toBe(403);
    expect(
      (await h.call("admin", "PUT", "/v1/dedup-policy", { rules: { grocery_kit: { windowDays: 0, maxPerWindow: 1 } } }))
        .status,
    ).toBe(400);
  });

  it("lets an auditor resolve a flag on a recorded distribution", async () => {
    const resolution = { verdict: "dismissed", note: "two family members, checked on visit" };
    expect(await h.call("auditor", "POST", `/v1/flags/${uuid(2)}/resolution`, resolution)).toMatchObject({
      status: 201,
      body: { flagId: uuid(2) },
    });
    expect((await h.call("auditor", "POST", `/v1/flags/${uuid(0xbad)}/resolution`, resolution)).status).toBe(422);
    expect((await h.call("donor", "POST", `/v1/flags/${uuid(2)}/resolution`, resolution)).status).toBe(403);
    const [event] = await h.store.readStream(`flag-${uuid(2)}`);
    expect(event).toMatchObject({
      type: "DuplicateFlagResolved",
      data: { verdict: "dismissed" },
      metadata: { principal: { role: "auditor" } },
    });
  });

  it("keeps donorId in events as given", async () => {
    const [fund] = await h.store.readStream(`fund-${uuid(0xf001)}`);
    expect(fund!.data).toMatchObject({ donorId: DONOR, cboId: CBO });
  });
});

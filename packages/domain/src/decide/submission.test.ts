import { describe, expect, it } from "vitest";
import type { DistributionRecorded } from "../events/distributions.js";
import { memoryState } from "./memory-state.testkit.js";
import { decideSubmission } from "./submission.js";

const SUBMISSION = "0190f5a2-0000-7000-8000-000000000001";
const FOOD_FUND = "0190f5a2-0000-7000-8000-00000000f001";
const OTHER_CBO_FUND = "0190f5a2-0000-7000-8000-00000000f002";
const ANY_FUND = "0190f5a2-0000-7000-8000-00000000f003";
const EARLIER = "0190f5a2-0000-7000-8000-0000000000e1";

const state = memoryState({
  cbos: ["ashodaya-samithi"],
  funds: {
    [FOOD_FUND]: { cboId: "ashodaya-samithi", donorId: "azim-trust", restrictedTo: ["grocery_kit", "cooked_food"] },
    [OTHER_CBO_FUND]: { cboId: "vamp-sangli", donorId: "azim-trust" },
    [ANY_FUND]: { cboId: "ashodaya-samithi", donorId: "azim-trust" },
  },
  distributions: {
    [EARLIER]: { cboId: "ashodaya-samithi", submissionId: "0190f5a2-0000-7000-8000-0000000000aa", voided: false },
  },
});

const record = (n: number, overrides: Partial<DistributionRecorded> = {}): DistributionRecorded => ({
  distributionId: `0190f5a2-0000-7000-8000-${String(n).padStart(12, "0")}`,
  submissionId: SUBMISSION,
  cboId: "ashodaya-samithi",
  service: "grocery_kit",
  beneficiaries: [{ type: "phone", pseudonym: "a".repeat(64), keyId: "k1" }],
  quantity: 1,
  valuePaise: 150_000,
  funding: { kind: "fund", fundId: FOOD_FUND },
  distributedOn: "2021-05-14",
  ...overrides,
});

describe("decideSubmission", () => {
  it("accepts a batch whose funds, dates and ids all hold", () => {
    const records = [
      record(1),
      record(2, { funding: { kind: "auto" } }),
      record(3, { service: "art_medicine", funding: { kind: "fund", fundId: ANY_FUND } }),
    ];
    expect(decideSubmission(records, state, "2021-06-01")).toEqual({ ok: true, value: records });
  });

  it("refuses an unregistered CBO with 422", () => {
    const decision = decideSubmission([record(1, { cboId: "unknown-cbo" })], state, "2021-06-01");
    expect(decision).toMatchObject({ ok: false, status: 422, details: [{ path: "cboId" }] });
  });

  it("lists every record that breaks a rule, by index and field, with 422", () => {
    const decision = decideSubmission(
      [
        record(1),
        record(2, { funding: { kind: "fund", fundId: "0190f5a2-0000-7000-8000-00000000ffff" } }),
        record(3, { funding: { kind: "fund", fundId: OTHER_CBO_FUND } }),
        record(4, { service: "cash_benefit" }),
        record(5, { distributedOn: "2021-06-02" }),
        record(6, { distributedOn: "1999-12-31", funding: { kind: "scheme", scheme: "PDS" } }),
      ],
      state,
      "2021-06-01",
    );
    expect(decision).toMatchObject({ ok: false, status: 422 });
    expect(decision.ok ? [] : decision.details).toEqual([
      { path: "distributions.1.funding.fundId", message: "names no recorded fund" },
      { path: "distributions.2.funding.fundId", message: "belongs to another CBO" },
      { path: "distributions.3.funding.fundId", message: "is restricted to other services" },
      { path: "distributions.4.distributedOn", message: "is in the future" },
      { path: "distributions.5.distributedOn", message: "is before 2000-01-01" },
    ]);
  });

  it("accepts today and 2000-01-01 itself", () => {
    const decision = decideSubmission(
      [record(1, { distributedOn: "2021-06-01" }), record(2, { distributedOn: "2000-01-01" })],
      state,
      "2021-06-01",
    );
    expect(decision.ok).toBe(true);
  });

  it("refuses a distributionId an earlier submission recorded with 409 naming it by position, not by value", () => {
    const decision = decideSubmission([record(1), record(2, { distributionId: EARLIER })], state, "2021-06-01");
    expect(decision).toMatchObject({
      ok: false,
      status: 409,
      details: [{ path: "distributions.1.distributionId", message: "was recorded by an earlier submission" }],
    });
    expect(JSON.stringify(decision)).not.toContain(EARLIER);
  });
});

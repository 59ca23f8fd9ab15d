import { describe, expect, it } from "vitest";
import { decideFlagResolution, decideFunds, decideVoid } from "./commands.js";
import { memoryState } from "./memory-state.testkit.js";

const D1 = "0190f5a2-0000-7000-8000-000000000001";
const D2 = "0190f5a2-0000-7000-8000-000000000002";
const state = memoryState({
  cbos: ["ashodaya-samithi"],
  donors: ["azim-trust"],
  distributions: {
    [D1]: { cboId: "ashodaya-samithi", submissionId: "s", voided: false },
    [D2]: { cboId: "ashodaya-samithi", submissionId: "s", voided: true },
  },
});
const fund = {
  fundId: "0190f5a2-0000-7000-8000-00000000f001",
  donorId: "azim-trust",
  cboId: "ashodaya-samithi",
  amountPaise: 100,
  receivedOn: "2021-01-01",
};
const TODAY = "2021-06-01";
const ashodaya = { role: "cbo" as const, keyId: "k1", cboId: "ashodaya-samithi" };

describe("write-side decisions", () => {
  it("records funds between a known donor and CBO, and names each unknown one", () => {
    expect(decideFunds(fund, state, TODAY)).toEqual({ ok: true, value: fund });
    expect(decideFunds({ ...fund, donorId: "nobody", cboId: "nowhere" }, state, TODAY)).toMatchObject({
      ok: false,
      status: 422,
      details: [{ path: "donorId" }, { path: "cboId" }],
    });
  });

  it("bounds receivedOn as distributedOn is: today and 2000-01-01 pass, later or earlier is a 422 naming it", () => {
    for (const receivedOn of [TODAY, "2000-01-01"]) {
      expect(decideFunds({ ...fund, receivedOn }, state, TODAY)).toEqual({ ok: true, value: { ...fund, receivedOn } });
    }
    for (const [receivedOn, message] of [
      ["2021-06-02", "is in the future"],
      ["9999-12-31", "is in the future"],
      ["1999-12-31", "is before 2000-01-01"],
      ["0000-01-01", "is before 2000-01-01"],
    ]) {
      expect(decideFunds({ ...fund, receivedOn: receivedOn! }, state, TODAY)).toMatchObject({
        ok: false,
        status: 422,
        details: [{ path: "receivedOn", message }],
      });
    }
  });

  it("voids a CBO's own distribution once", () => {
    expect(decideVoid(D1, "typed twice", ashodaya, state)).toEqual({
      ok: true,
      value: { distributionId: D1, cboId: "ashodaya-samithi", reason: "typed twice" },
    });
    expect(decideVoid(D2, "again", ashodaya, state)).toMatchObject({
      ok: false,
      status: 422,
      details: [{ message: "is already voided" }],
    });
    expect(decideVoid("0190f5a2-0000-7000-8000-0000000000ff", "?", ashodaya, state)).toMatchObject({
      ok: false,
      status: 422,
    });
  });

  it("refuses another CBO's key with 403", () => {
    expect(decideVoid(D1, "x", { role: "cbo", keyId: "k2", cboId: "vamp-sangli" }, state)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("resolves flags only for recorded distributions", () => {
    expect(decideFlagResolution(D1, state)).toEqual({ ok: true, value: D1 });
    expect(decideFlagResolution("0190f5a2-0000-7000-8000-0000000000ff", state)).toMatchObject({
      ok: false,
      status: 422,
    });
  });
});

import { PROBLEMS } from "../api/problems.js";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../events/catalogue.js";
import type { DistributionRecorded } from "../events/distributions.js";
import type { FundsReceived } from "../events/funds.js";
import { DECIDED_ON as TODAY, given, recorded, recordedDistribution } from "../testing/write-decider.testkit.js";
import type { LedgerCommand } from "./commands.js";

const SUBMISSION = "0190f5a2-0000-7000-8000-000000000001";
const FOOD_FUND = "0190f5a2-0000-7000-8000-00000000f001";
const OTHER_CBO_FUND = "0190f5a2-0000-7000-8000-00000000f002";
const ANY_FUND = "0190f5a2-0000-7000-8000-00000000f003";
const EARLIER = "0190f5a2-0000-7000-8000-0000000000e1";

const funds = (fundId: string, cboId: string, restrictedTo?: FundsReceived["restrictedTo"]): LedgerEvent => ({
  type: "FundsReceived",
  data: {
    fundId,
    cboId,
    donorId: "azim-trust",
    amountPaise: 1_000_000,
    receivedOn: "2021-01-01",
    ...(restrictedTo ? { restrictedTo } : {}),
  },
});

const record = (n: number, overrides: Partial<DistributionRecorded> = {}): DistributionRecorded =>
  recordedDistribution(n, { submissionId: SUBMISSION, funding: { kind: "fund", fundId: FOOD_FUND }, ...overrides });

/** The ledger so far: one CBO, three funds, one distribution an earlier submission recorded. */
const history: LedgerEvent[] = [
  { type: "CboRegistered", data: { cboId: "ashodaya-samithi", name: "Ashodaya", state: "IN-KA", district: "Mysuru" } },
  funds(FOOD_FUND, "ashodaya-samithi", ["grocery_kit", "cooked_food"]),
  funds(OTHER_CBO_FUND, "vamp-sangli"),
  funds(ANY_FUND, "ashodaya-samithi"),
  {
    type: "DistributionRecorded",
    data: record(0, { distributionId: EARLIER, submissionId: "0190f5a2-0000-7000-8000-0000000000aa" }),
  },
];

const submit = (...records: DistributionRecorded[]): LedgerCommand => ({ type: "RecordSubmission", data: { records } });
describe("decide: a submission", () => {
  it("accepts a batch whose funds, dates and ids all hold", () => {
    const records = [
      record(1),
      record(2, { funding: { kind: "auto" } }),
      record(3, { service: "art_medicine", funding: { kind: "fund", fundId: ANY_FUND } }),
    ];
    given(history)
      .when(submit(...records))
      .then(recorded(...records));
  });

  it("refuses an unregistered CBO", () => {
    given(history)
      .when(submit(record(1, { cboId: "unknown-cbo" })))
      .thenRefuses({ reason: "breaks_rules", details: [{ path: "cboId", message: "is not a registered CBO" }] });
  });

  it("lists every record that breaks a rule, by index and field", () => {
    given(history)
      .when(
        submit(
          record(1),
          record(2, { funding: { kind: "fund", fundId: "0190f5a2-0000-7000-8000-00000000ffff" } }),
          record(3, { funding: { kind: "fund", fundId: OTHER_CBO_FUND } }),
          record(4, { service: "cash_benefit" }),
          record(5, { distributedOn: "2021-06-02" }),
          record(6, { distributedOn: "1999-12-31", funding: { kind: "scheme", scheme: "PDS" } }),
        ),
      )
      .thenRefuses({
        reason: "breaks_rules",
        details: [
          { path: "distributions.1.funding.fundId", message: PROBLEMS["funding.unknownFund"] },
          { path: "distributions.2.funding.fundId", message: PROBLEMS["funding.otherCbo"] },
          { path: "distributions.3.funding.fundId", message: PROBLEMS["funding.restricted"] },
          { path: "distributions.4.distributedOn", message: PROBLEMS["date.future"] },
          { path: "distributions.5.distributedOn", message: PROBLEMS["date.tooOld"] },
        ],
      });
  });

  it("accepts today and 2000-01-01 itself", () => {
    const records = [record(1, { distributedOn: TODAY }), record(2, { distributedOn: "2000-01-01" })];
    given(history)
      .when(submit(...records))
      .then(recorded(...records));
  });

  it("refuses a distributionId an earlier submission recorded, naming it by position, not by value", () => {
    const refused = given(history)
      .when(submit(record(1), record(2, { distributionId: EARLIER })))
      .thenRefuses({
        reason: "already_recorded",
        details: [{ path: "distributions.1.distributionId", message: "was recorded by an earlier submission" }],
      });
    expect(JSON.stringify(refused)).not.toContain(EARLIER);
  });

  it("takes a retry of its own submission for what it is, not a conflict", () => {
    given([...history, ...recorded(record(1))])
      .when(submit(record(1)))
      .then(recorded(record(1)));
  });
});

import { MAX_PROBLEMS_LISTED, MAX_VALUE_PAISE, PROBLEMS } from "@relief-ledger/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CBO, OTHER_CBO, aadhaar, distribution, uuid, type Harness } from "../testing/harness.testkit.js";
import { startSeededHarness, type SeededFunds } from "../testing/seeded.testkit.js";

let h: Harness;
let funds: SeededFunds;
beforeAll(async () => {
  ({ h, funds } = await startSeededHarness());
});
afterAll(() => h.close());

const submission = (id: number, distributions: unknown[], cboId = CBO) => ({
  submissionId: uuid(id, "0190f5a2-5555-7000-8000"),
  cboId,
  distributions,
});

/** Posts a submission of these distributions as the CBO. */
const submit = (id: number, distributions: unknown[]) =>
  h.call("cbo", "POST", "/v1/submissions", submission(id, distributions));

/** Posts a submission as the CBO and checks the store did not move: a refusal or a replay stores nothing. */
async function postStoringNothing(body: unknown) {
  const head = await h.store.headPosition();
  const response = await h.call("cbo", "POST", "/v1/submissions", body);
  expect(await h.store.headPosition(), "nothing is stored").toBe(head);
  return response;
}

describe("POST /v1/submissions", () => {
  it("refuses 1,000 distributions of five documents each with 413, naming the limit, storing nothing", async () => {
    const withFiveDocuments = (n: number) =>
      distribution(n, {
        beneficiaryRefs: [
          { type: "aadhaar", value: aadhaar(n) },
          { type: "phone", value: `+91 98${String(n).padStart(8, "0")}` },
          { type: "voter_id", value: `ABC${String(n).padStart(7, "0")}` },
          { type: "ration_card", value: `KA-${String(n).padStart(8, "0")}` },
          { type: "member_id", value: `ASH-${n}` },
        ],
      });
    const head = await h.store.headPosition();
    const distributions = Array.from({ length: 1_000 }, (_, i) => withFiveDocuments(5_000 + i));
    const response = await submit(90, distributions);
    expect(response).toMatchObject({
      status: 413,
      body: { error: "batch_too_large", details: [{ path: "distributions" }] },
    });
    expect(JSON.stringify(response.body)).not.toContain(aadhaar(5_000));
    expect(await h.store.headPosition()).toBe(head);
    // Half of it fits.
    const half = await submit(91, distributions.slice(0, 500));
    expect(half.status).toBe(201);
  });

  it("records a batch whole, with pseudonyms in place of identity documents", async () => {
    const head = await h.store.headPosition();
    const response = await submit(1, [
      distribution(1),
      distribution(2, { funding: { kind: "fund", fundId: funds.foodFund } }),
      distribution(3, { service: "art_medicine", funding: { kind: "scheme", scheme: "NACO" } }),
    ]);
    expect(response).toMatchObject({ status: 201, body: { count: 3, replayed: false } });
    const stored = await h.store.readAll({ after: head, maxCount: 10 });
    expect(response.body).toMatchObject({
      firstPosition: String(stored.events[0]!.position),
      lastPosition: String(stored.events[2]!.position),
    });
    expect(stored.events).toHaveLength(3);
    const [first] = await h.store.readStream(`submission-${uuid(1, "0190f5a2-5555-7000-8000")}`);
    expect(first!.type).toBe("DistributionRecorded");
    expect(first!.data).toMatchObject({
      cboId: CBO,
      submissionId: uuid(1, "0190f5a2-5555-7000-8000"),
      beneficiaries: [{ type: "aadhaar", keyId: "test-key" }, { type: "phone" }],
    });
    expect(first!.metadata).toMatchObject({
      principal: { role: "cbo", cboId: CBO, keyId: h.keys.cbo.record.keyId },
      schemaVersion: 1,
    });
    expect(JSON.stringify(first!.data)).not.toMatch(/"value"/);
  });

  it("answers a retry of the same content with the first outcome and stores nothing", async () => {
    const body = submission(2, [distribution(20)]);
    const first = await h.call("cbo", "POST", "/v1/submissions", body);
    const retry = await postStoringNothing(body);
    expect(retry).toEqual({ status: 201, body: { ...first.body, replayed: true } });
  });

  it("refuses the same submissionId with other content with 409, storing nothing", async () => {
    await submit(3, [distribution(30)]);
    const changed = await postStoringNothing(submission(3, [distribution(30, { quantity: 2 })]));
    expect(changed).toMatchObject({ status: 409, body: { error: "conflict" } });
  });

  it("refuses a distributionId an earlier submission recorded with 409 naming it by position", async () => {
    await submit(4, [distribution(40)]);
    const again = await submit(5, [distribution(41), distribution(40)]);
    expect(again.status).toBe(409);
    expect(again.body.details).toEqual([
      { path: "distributions.1.distributionId", message: "was recorded by an earlier submission" },
    ]);
    expect(JSON.stringify(again.body)).not.toContain(uuid(40));
  });

  it("lists every bad record by index and field in one 400, and stores nothing", async () => {
    const response = await postStoringNothing(
      submission(6, [
        distribution(60),
        distribution(61, { beneficiaryRefs: [{ type: "aadhaar", value: "234567890123" }] }),
        distribution(62, { valuePaise: -5, distributedOn: "2021-02-30" }),
        distribution(63, { service: "bicycle" }),
      ]),
    );
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "distributions.1.beneficiaryRefs.0.value",
      "distributions.2.distributedOn",
      "distributions.2.valuePaise",
      "distributions.3.service",
    ]);
    expect(JSON.stringify(response.body)).not.toContain("234567890123");
  });

  it("lists format and rule problems of every record together in one 400, in record order, quoting nothing", async () => {
    const head = await h.store.headPosition();
    const response = await submit(11, [
      distribution(110, { distributedOn: "2021-07-01" }),
      distribution(111, { valuePaise: -5 }),
      distribution(112, { funding: { kind: "fund", fundId: funds.otherFund } }),
      distribution(113, { quantity: 0, distributedOn: "1999-12-31" }),
      distribution(114, {
        beneficiaryRefs: [{ type: "aadhaar", value: "234567890123" }],
        distributedOn: "31/12/2099",
      }),
    ]);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { path: "distributions.0.distributedOn", message: PROBLEMS["date.future"] },
      { path: "distributions.1.valuePaise", message: expect.any(String) },
      { path: "distributions.2.funding.fundId", message: PROBLEMS["funding.otherCbo"] },
      { path: "distributions.3.quantity", message: PROBLEMS["quantity.invalid"] },
      { path: "distributions.3.distributedOn", message: PROBLEMS["date.tooOld"] },
      { path: "distributions.4.beneficiaryRefs.0.value", message: expect.any(String) },
      { path: "distributions.4.distributedOn", message: PROBLEMS["date.future"] },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/234567890123|2099|1999/);
    expect(JSON.stringify(response.body)).not.toContain(funds.otherFund);
    expect(await h.store.headPosition()).toBe(head);
  });

  it("judges funds in a malformed batch only for the caller's own CBO", async () => {
    const response = await h.call(
      "otherCbo",
      "POST",
      "/v1/submissions",
      submission(12, [distribution(120, { quantity: 0, funding: { kind: "fund", fundId: funds.foodFund } })]),
    );
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { path: "distributions.0.quantity", message: PROBLEMS["quantity.invalid"] },
    ]);
  });

  it("lists at most MAX_PROBLEMS_LISTED problems of a 1,000-record batch and says how many more", async () => {
    const head = await h.store.headPosition();
    const bad = Array.from({ length: 1_000 }, (_, i) =>
      distribution(20_000 + i, { quantity: 0, valuePaise: -1, distributedOn: "2021-07-01" }),
    );
    const response = await submit(13, bad);
    expect(response.status).toBe(400);
    expect(response.body.details).toHaveLength(MAX_PROBLEMS_LISTED);
    expect(response.body.details[0].path).toBe("distributions.0.quantity");
    expect(response.body.message).toContain(
      `the first ${MAX_PROBLEMS_LISTED} of 3000 problems are listed (${3_000 - MAX_PROBLEMS_LISTED} more)`,
    );
    expect(await h.store.headPosition()).toBe(head);
    // The rules' own refusal (every record well-formed) is bounded the same way.
    const late = bad.map((record) => ({ ...record, quantity: 1, valuePaise: 100 }));
    const rules = await submit(14, late);
    expect(rules.status).toBe(422);
    expect(rules.body.details).toHaveLength(MAX_PROBLEMS_LISTED);
    expect(rules.body.message).toContain(`(${1_000 - MAX_PROBLEMS_LISTED} more)`);
  });

  it("refuses a value above Rs 1 crore (2^53 − 1 included) in a 400 naming the record, storing nothing", async () => {
    const response = await postStoringNothing(
      submission(7, [
        distribution(70, { valuePaise: MAX_VALUE_PAISE }),
        distribution(71, { valuePaise: MAX_VALUE_PAISE + 1 }),
        distribution(72, { valuePaise: Number.MAX_SAFE_INTEGER }),
      ]),
    );
    expect(response).toMatchObject({
      status: 400,
      body: {
        details: [
          { path: "distributions.1.valuePaise", message: "must be at most 1000000000 paise (Rs 1 crore)" },
          { path: "distributions.2.valuePaise", message: "must be at most 1000000000 paise (Rs 1 crore)" },
        ],
      },
    });
  });

  it("refuses with 422 what the ledger's state forbids, naming each record", async () => {
    const response = await postStoringNothing(
      submission(7, [
        distribution(70, { funding: { kind: "fund", fundId: funds.otherFund } }),
        distribution(71, { service: "cash_benefit", funding: { kind: "fund", fundId: funds.foodFund } }),
        distribution(72, { funding: { kind: "fund", fundId: uuid(0xdead) } }),
        distribution(73, { distributedOn: "2021-07-01" }),
        distribution(74, { distributedOn: "1999-12-31" }),
      ]),
    );
    expect(response.status).toBe(422);
    expect(response.body.details).toEqual([
      { path: "distributions.0.funding.fundId", message: PROBLEMS["funding.otherCbo"] },
      { path: "distributions.1.funding.fundId", message: PROBLEMS["funding.restricted"] },
      { path: "distributions.2.funding.fundId", message: PROBLEMS["funding.unknownFund"] },
      { path: "distributions.3.distributedOn", message: PROBLEMS["date.future"] },
      { path: "distributions.4.distributedOn", message: PROBLEMS["date.tooOld"] },
    ]);
  });

  it("refuses an unregistered CBO with 422", async () => {
    const response = await h.call(
      "unregisteredCbo",
      "POST",
      "/v1/submissions",
      submission(8, [distribution(80)], "unregistered-cbo"),
    );
    expect(response).toMatchObject({
      status: 422,
      body: { details: [{ path: "cboId", message: "is not a registered CBO" }] },
    });
  });

  it("lets a CBO key submit only for its own CBO, and no other role submit at all", async () => {
    const head = await h.store.headPosition();
    expect((await h.call("otherCbo", "POST", "/v1/submissions", submission(9, [distribution(90)]))).status).toBe(403);
    expect((await h.call("donor", "POST", "/v1/submissions", submission(9, [distribution(90)]))).status).toBe(403);
    expect((await h.call("admin", "POST", "/v1/submissions", submission(9, [distribution(90)]))).status).toBe(403);
    expect((await h.call(undefined, "POST", "/v1/submissions", submission(9, [distribution(90)]))).status).toBe(401);
    expect(
      (await h.call("otherCbo", "POST", "/v1/submissions", submission(9, [distribution(90)], OTHER_CBO))).status,
    ).toBe(201);
    expect(await h.store.countEventsAfter(head, 10)).toBe(1);
  });

  it("accepts 1,000 distributions in one submission and refuses 1,001", async () => {
    const many = Array.from({ length: 1_001 }, (_, i) => distribution(10_000 + i));
    const tooMany = await submit(10, many);
    expect(tooMany).toMatchObject({ status: 400, body: { details: [{ path: "distributions" }] } });
    const ok = await submit(10, many.slice(0, 1_000));
    expect(ok).toMatchObject({ status: 201, body: { count: 1_000 } });
  });
});

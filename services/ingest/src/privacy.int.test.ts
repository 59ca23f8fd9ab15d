import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { probeForLeaks } from "@relief-ledger/http/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CBO, aadhaar, distribution, seed, startHarness, uuid, type Harness } from "./testing/harness.testkit.js";

// Raw identity values as a CBO might type them, and the forms they normalise to.
const RAW = {
  aadhaar: aadhaar(777),
  phone: "+91 99887 76655",
  voter: "ABC1234567",
  ration: "KA-0099-7766",
  member: "ASH-SECRET-77",
  name: "Lakshmi Devi",
};
const FORMS = [
  RAW.aadhaar,
  `${RAW.aadhaar.slice(0, 4)} ${RAW.aadhaar.slice(4, 8)} ${RAW.aadhaar.slice(8)}`,
  "9988776655",
  RAW.voter,
  "KA00997766",
  RAW.member,
  RAW.name,
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await seed(h);
  const refs = [
    { type: "aadhaar", value: `${RAW.aadhaar.slice(0, 4)} ${RAW.aadhaar.slice(4, 8)} ${RAW.aadhaar.slice(8)}` },
    { type: "phone", value: RAW.phone },
    { type: "voter_id", value: RAW.voter },
    { type: "ration_card", value: RAW.ration },
    { type: "member_id", value: RAW.member },
  ];
  // A realistic run: good JSON and CSV, refusals of every kind, all carrying the same raw values.
  await h.call("cbo", "POST", "/v1/submissions", {
    submissionId: uuid(1, "0190f5a2-8888-7000-8000"),
    cboId: CBO,
    distributions: [distribution(1, { beneficiaryRefs: refs })],
  });
  await h.call("cbo", "POST", "/v1/submissions", {
    submissionId: uuid(2, "0190f5a2-8888-7000-8000"),
    cboId: CBO,
    distributions: [distribution(2, { beneficiaryRefs: refs, beneficiaryName: RAW.name })],
  });
  await h.call("cbo", "POST", "/v1/submissions", {
    submissionId: uuid(3, "0190f5a2-8888-7000-8000"),
    cboId: CBO,
    distributions: [
      distribution(3, {
        beneficiaryRefs: [...refs, { type: "aadhaar", value: RAW.aadhaar.slice(0, 11) + "0" }],
        distributedOn: "2031-01-01",
      }),
    ],
  });
  await h.call("cbo", "POST", "/v1/submissions", {
    submissionId: uuid(4, "0190f5a2-8888-7000-8000"),
    cboId: CBO,
    distributions: [distribution(4, { beneficiaryRefs: refs, distributedOn: "2031-01-01" })],
  });
  await h.call("cbo", "POST", "/v1/submissions", `{"cboId":"${CBO}","distributions":[{"aadhaar":"${RAW.aadhaar}"`, {
    "content-type": "application/json",
  });
  await h.call(
    "cbo",
    "POST",
    `/v1/submissions/csv?submissionId=${uuid(5, "0190f5a2-8888-7000-8000")}&cboId=${CBO}`,
    [
      "distributionId,service,quantity,valuePaise,distributedOn,funding,aadhaar,phone,voter_id,ration_card,member_id",
      `${uuid(5)},grocery_kit,1,100,2021-05-01,auto,${RAW.aadhaar},${RAW.phone},${RAW.voter},${RAW.ration},${RAW.member}`,
      `${uuid(6)},grocery_kit,1,100,2021-05-01,auto,${RAW.aadhaar}9,${RAW.phone},${RAW.voter},${RAW.ration},${RAW.member}`,
    ].join("\n"),
    { "content-type": "text/csv" },
  );
  await h.call(
    "cbo",
    "POST",
    `/v1/submissions/csv?submissionId=${uuid(6, "0190f5a2-8888-7000-8000")}&cboId=${CBO}`,
    [
      "distributionId,service,quantity,valuePaise,distributedOn,funding,aadhaar,member_name",
      `${uuid(7)},grocery_kit,1,100,2021-05-01,auto,${RAW.aadhaar},${RAW.name}`,
    ].join("\n"),
    { "content-type": "text/csv" },
  );
});
afterAll(() => h.close());

const databaseBytes = () => {
  const dir = dirname(h.storeFile);
  return readdirSync(dir)
    .map((file) => readFileSync(join(dir, file)).toString("latin1"))
    .join("\n");
};

describe("privacy: after a realistic run", () => {
  it("recorded the good submissions, so there is something to search", async () => {
    expect(await h.store.readStream(`submission-${uuid(1, "0190f5a2-8888-7000-8000")}`)).toHaveLength(1);
    expect(await h.store.readStream(`submission-${uuid(5, "0190f5a2-8888-7000-8000")}`)).toHaveLength(0);
    expect(h.responses.length).toBeGreaterThanOrEqual(10);
  });

  it.each(FORMS)("no database file, log line or response holds %s", async (form) => {
    await h.store.headPosition();
    expect(databaseBytes()).not.toContain(form);
    expect(h.logs()).not.toContain(form);
    for (const body of h.responses) expect(body).not.toContain(form);
  });

  it("no database file, log line or response holds an API key", () => {
    for (const { token } of Object.values(h.keys)) {
      expect(databaseBytes()).not.toContain(token);
      expect(h.logs()).not.toContain(token);
      for (const body of h.responses) expect(body).not.toContain(token);
    }
  });
});

describe("privacy: no refusal, log line or metric quotes the request", () => {
  it("plants a member's name and numbers in every part of a request to every route, and finds them nowhere", async () => {
    const head = await h.store.headPosition();
    const { leaks, requests } = await probeForLeaks({
      app: h.app,
      tokens: Object.values(h.keys).map((key) => key.token),
      logs: h.logs,
      hiddenRoutes: ["/health"],
      pathValues: { distributionId: uuid(2), flagId: uuid(2) },
    });
    expect(requests).toBeGreaterThan(500);
    expect(leaks).toEqual([]);
    expect(await h.store.headPosition()).toBe(head);
  });
});

describe("privacy: free text carrying an identity number is refused with a 422 that quotes nothing", () => {
  const CARRIER = "beneficiary 200099900017, call +91 9123456780";
  const FORBIDDEN = ["200099900017", "9123456780", "91234"];
  const cases: [string, "POST" | "PUT", string, unknown, string, "admin" | "cbo" | "auditor"][] = [
    [
      "CBO name",
      "POST",
      "/v1/cbos",
      { cboId: "new-cbo", name: CARRIER, state: "IN-KA", district: "Mysuru" },
      "name",
      "admin",
    ],
    [
      "CBO district",
      "POST",
      "/v1/cbos",
      { cboId: "new-cbo", name: "N", state: "IN-KA", district: CARRIER },
      "district",
      "admin",
    ],
    ["donor name", "POST", "/v1/donors", { donorId: "new-donor", name: CARRIER, kind: "trust" }, "name", "admin"],
    [
      "fund reference",
      "POST",
      "/v1/funds",
      {
        fundId: uuid(0xf0f0),
        donorId: "azim-trust",
        cboId: CBO,
        amountPaise: 100,
        receivedOn: "2021-04-01",
        reference: CARRIER,
      },
      "reference",
      "admin",
    ],
    [
      "distribution district",
      "POST",
      "/v1/submissions",
      {
        submissionId: uuid(9, "0190f5a2-9999-7000-8000"),
        cboId: CBO,
        distributions: [distribution(0x99, { district: CARRIER })],
      },
      "distributions.0.district",
      "cbo",
    ],
    [
      "scheme",
      "POST",
      "/v1/submissions",
      {
        submissionId: uuid(10, "0190f5a2-9999-7000-8000"),
        cboId: CBO,
        distributions: [distribution(0x9a, { funding: { kind: "scheme", scheme: CARRIER } })],
      },
      "distributions.0.funding.scheme",
      "cbo",
    ],
    ["void reason", "POST", `/v1/distributions/${uuid(2)}/void`, { reason: CARRIER }, "reason", "cbo"],
    [
      "flag note",
      "POST",
      `/v1/flags/${uuid(2)}/resolution`,
      { verdict: "confirmed", note: CARRIER },
      "note",
      "auditor",
    ],
  ];

  it.each(cases)("%s", async (_, method, url, body, path, role) => {
    const head = await h.store.headPosition();
    const response = await h.call(role, method, url, body);
    expect(response).toMatchObject({ status: 422, body: { error: "unprocessable", details: [{ path }] } });
    for (const secret of FORBIDDEN) expect(JSON.stringify(response.body)).not.toContain(secret);
    expect(await h.store.headPosition()).toBe(head);
  });

  it("refuses a CSV district the same way, by row and column", async () => {
    const head = await h.store.headPosition();
    const response = await h.call(
      "cbo",
      "POST",
      `/v1/submissions/csv?submissionId=${uuid(11, "0190f5a2-9999-7000-8000")}&cboId=${CBO}`,
      [
        "distributionId,service,quantity,valuePaise,distributedOn,funding,aadhaar,district",
        `${uuid(0x9b)},grocery_kit,1,100,2021-05-01,auto,${aadhaar(0x9b)},Mysuru`,
        `${uuid(0x9c)},grocery_kit,1,100,2021-05-01,auto,${aadhaar(0x9c)},${CARRIER.replace(",", "")}`,
      ].join("\n"),
      { "content-type": "text/csv" },
    );
    expect(response).toMatchObject({ status: 422, body: { details: [{ row: 3, column: "district" }] } });
    for (const secret of FORBIDDEN) expect(JSON.stringify(response.body)).not.toContain(secret);
    expect(await h.store.headPosition()).toBe(head);
  });
});

describe("privacy: a conflict names the field, not the id the client sent", () => {
  // An id is the client's text: a slug can be any digits (this one is a valid Aadhaar number).
  it.each([
    [
      "/v1/cbos",
      { cboId: "200099900017", name: "A", state: "IN-KA", district: "Mysuru" },
      { district: "Mandya" },
      "cboId",
    ],
    ["/v1/donors", { donorId: "200099900017", name: "A", kind: "trust" }, { kind: "ngo" }, "donorId"],
  ])("%s", async (url, body, change, path) => {
    expect((await h.call("admin", "POST", url, body)).status).toBe(201);
    const response = await h.call("admin", "POST", url, { ...body, ...change });
    expect(response).toMatchObject({ status: 409, body: { details: [{ path }] } });
    expect(JSON.stringify(response.body)).not.toContain("200099900017");
  });
});

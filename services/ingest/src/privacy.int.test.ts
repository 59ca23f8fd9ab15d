import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
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

import { HEADER_PROBLEMS, PROBLEMS } from "@relief-ledger/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CBO, aadhaar, uuid, type Harness } from "../testing/harness.testkit.js";
import { startSeededHarness, type SeededFunds } from "../testing/seeded.testkit.js";

let h: Harness;
let funds: SeededFunds;
beforeAll(async () => {
  ({ h, funds } = await startSeededHarness());
});
afterAll(() => h.close());

const HEADER = "distributionId,service,quantity,valuePaise,distributedOn,funding,district,aadhaar,phone,member_id";
const row = (n: number, cells: Partial<Record<string, string>> = {}) => {
  const values = {
    distributionId: uuid(n),
    service: "grocery_kit",
    quantity: "1",
    valuePaise: "150000",
    distributedOn: "2021-05-14",
    funding: "auto",
    district: "",
    aadhaar: aadhaar(n),
    phone: "",
    member_id: "",
    ...cells,
  };
  return HEADER.split(",")
    .map((column) => values[column as keyof typeof values])
    .join(",");
};
const post = (submission: number, csv: string, role: "cbo" | "otherCbo" = "cbo") =>
  h.call(
    role,
    "POST",
    `/v1/submissions/csv?submissionId=${uuid(submission, "0190f5a2-7777-7000-8000")}&cboId=${CBO}`,
    csv,
    { "content-type": "text/csv" },
  );

describe("POST /v1/submissions/csv", () => {
  it("records a spreadsheet with the JSON columns flattened", async () => {
    const csv = [
      HEADER,
      row(1),
      row(2, { funding: `fund:${funds.foodFund}`, phone: "098450 12345", aadhaar: "" }),
      row(3, { funding: "scheme:PDS", member_id: "ASH-0042", district: "Mandya" }),
    ].join("\n");
    expect(await post(1, csv)).toMatchObject({ status: 201, body: { count: 3, replayed: false } });
    const events = await h.store.readStream(`submission-${uuid(1, "0190f5a2-7777-7000-8000")}`);
    expect(events.map((e) => e.data.funding)).toEqual([
      { kind: "auto" },
      { kind: "fund", fundId: funds.foodFund },
      { kind: "scheme", scheme: "PDS" },
    ]);
    expect(events[2]!.data).toMatchObject({
      district: "Mandya",
      beneficiaries: [{ type: "aadhaar" }, { type: "member_id" }],
    });
  });

  it("reads what people type: rupees, DD/MM/YYYY dates and service names", async () => {
    const header = "distributionId,service,quantity,valueRupees,distributedOn,funding,aadhaar";
    const csv = [
      header,
      `${uuid(70)},Grocery kit,1,"Rs 1,500.50",14/05/2021,auto,${aadhaar(70)}`,
      `${uuid(71)},ART medicine,2,"₹1,50,000",1/6/2021,auto,${aadhaar(71)}`,
    ].join("\n");
    expect(await post(70, csv)).toMatchObject({ status: 201, body: { count: 2 } });
    const events = await h.store.readStream(`submission-${uuid(70, "0190f5a2-7777-7000-8000")}`);
    expect(events.map((e) => [e.data.service, e.data.valuePaise, e.data.distributedOn])).toEqual([
      ["grocery_kit", 150_050, "2021-05-14"],
      ["art_medicine", 1_50_00_000, "2021-06-01"],
    ]);
  });

  it("lists format and rule problems of every row in one reply (a bad cell, a future date, another CBO's fund)", async () => {
    const head = await h.store.headPosition();
    const csv = [
      HEADER,
      row(80, { aadhaar: "999911112222" }),
      row(81, { distributedOn: "2030-01-01" }),
      row(82, { funding: "fund:01939f2e-8b1a-7c3d-9e4f-00000000beef" }),
    ].join("\n");
    const response = await post(80, csv);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { row: 2, column: "aadhaar", message: PROBLEMS["aadhaar.checkDigit"] },
      { row: 3, column: "distributedOn", message: PROBLEMS["date.future"] },
      { row: 4, column: "funding", message: PROBLEMS["funding.unknownFund"] },
    ]);
    expect(await h.store.headPosition()).toBe(head);
  });

  it("is idempotent like the JSON route", async () => {
    const csv = [HEADER, row(10)].join("\r\n");
    await post(2, csv);
    const head = await h.store.headPosition();
    expect(await post(2, csv)).toMatchObject({ status: 201, body: { replayed: true } });
    expect(await h.store.headPosition()).toBe(head);
  });

  it("names each bad cell by spreadsheet row and column, never by value", async () => {
    const head = await h.store.headPosition();
    const csv = [
      HEADER,
      row(20),
      row(21, { aadhaar: "999911112222" }),
      row(22, { valuePaise: "1500.50", funding: "cheque" }),
      row(23, { aadhaar: "" }),
    ].join("\n");
    const response = await post(3, csv);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual(
      expect.arrayContaining([
        { row: 3, column: "aadhaar", message: expect.any(String) },
        { row: 4, column: "valuePaise", message: expect.any(String) },
        { row: 4, column: "funding", message: PROBLEMS["funding.invalid"] },
        { row: 5, column: "aadhaar|phone|ration_card|voter_id|member_id", message: PROBLEMS["identity.none"] },
      ]),
    );
    expect(JSON.stringify(response.body)).not.toContain("999911112222");
    expect(await h.store.headPosition()).toBe(head);
  });

  it("reports the ledger's 422s by row too", async () => {
    const response = await post(4, [HEADER, row(30), row(31, { distributedOn: "2030-01-01" })].join("\n"));
    expect(response).toMatchObject({
      status: 422,
      body: { details: [{ row: 3, column: "distributedOn", message: PROBLEMS["date.future"] }] },
    });
  });

  it("refuses an unknown, repeated or missing column, naming unknown ones by letter only", async () => {
    const header = "distributionId,service,quantity,valuePaise,distributedOn,beneficiary_name,aadhaar,aadhaar";
    const response = await post(5, [header, "x"].join("\n"));
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { row: 1, column: "F", message: HEADER_PROBLEMS["header.unknown"] },
      { row: 1, column: "H", message: HEADER_PROBLEMS["header.repeated"] },
      { row: 1, column: "funding", message: HEADER_PROBLEMS["header.missing"] },
    ]);
  });

  it("never echoes a first record sent without its header row", async () => {
    const headerless = row(50, { aadhaar: aadhaar(51), district: "Lakshmi Devi" });
    const response = await post(8, headerless);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toContain(aadhaar(51));
    expect(JSON.stringify(response.body)).not.toContain("Lakshmi");
  });

  it("counts blank lines in the row numbers it reports", async () => {
    const response = await post(9, [HEADER, "", row(60), "", "", row(61, { valuePaise: "lots" })].join("\n"));
    expect(response).toMatchObject({ status: 400, body: { details: [{ row: 6, column: "valuePaise" }] } });
  });

  it("refuses a file that is not CSV, and another CBO's key", async () => {
    expect((await post(6, `${HEADER}\n"unterminated,quote`)).status).toBe(400);
    expect((await post(7, [HEADER, row(40)].join("\n"), "otherCbo")).status).toBe(403);
  });
});

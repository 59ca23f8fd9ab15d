import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CBO, aadhaar, uuid, type Harness } from "../testing/harness.testkit.js";
import { startSeededHarness } from "../testing/seeded.testkit.js";
import { MiB, meteredBody } from "../testing/metered-body.testkit.js";

let h: Harness;
beforeAll(async () => {
  ({ h } = await startSeededHarness());
});
afterAll(() => h.close());

const url = (n: number) => `/v1/submissions/csv?submissionId=${uuid(n, "0190f5a2-8888-7000-8000")}&cboId=${CBO}`;
const cbo = () => ({ authorization: `Bearer ${h.keys.cbo.token}` });
const HEADER = "distributionId,service,quantity,valuePaise,distributedOn,funding,district,aadhaar";
const row = (n: number, district: string) =>
  `${uuid(n, "0190f5a2-8888-7000-8001")},grocery_kit,1,150000,2021-05-14,auto,${district},${aadhaar(n)}`;

describe("the CSV route's body", () => {
  it("stops reading at its limit and answers 413, storing nothing", async () => {
    const head = await h.store.headPosition();
    // One endless cell, as the probe sent: the route must give up long before the end.
    const body = meteredBody(64 * MiB);
    const response = await h.app.inject({
      method: "POST",
      url: url(1),
      headers: { ...cbo(), "content-type": "text/csv" },
      payload: body.stream,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: "payload_too_large" });
    expect(response.headers.connection).toBe("close");
    expect(body.pulledBytes()).toBeLessThan(4 * MiB);
    expect(await h.store.headPosition()).toBe(head);
  });

  it("answers 413 at once to a declared length above the limit, reading nothing", async () => {
    const body = meteredBody(256 * MiB);
    const response = await h.app.inject({
      method: "POST",
      url: url(2),
      headers: { ...cbo(), "content-type": "text/csv", "content-length": String(256 * MiB) },
      payload: body.stream,
    });
    expect(response.statusCode).toBe(413);
    expect(body.pulledBytes()).toBeLessThanOrEqual(64 * 1024);
  });

  it.each([
    ["text/plain", 415],
    ["application/json", 415],
    ["application/x-www-form-urlencoded", 415],
    ["text/csv; charset=latin1", 415],
  ])("refuses content type %s with %i, never 500", async (contentType, status) => {
    const response = await h.app.inject({
      method: "POST",
      url: url(3),
      headers: { ...cbo(), "content-type": contentType },
      payload: [HEADER, row(1, "Mysuru")].join("\n"),
    });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it("is the only route that reads CSV: the JSON routes refuse it with 415", async () => {
    const response = await h.app.inject({
      method: "POST",
      url: "/v1/submissions",
      headers: { ...cbo(), "content-type": "text/csv" },
      payload: [HEADER, row(1, "Mysuru")].join("\n"),
    });
    expect(response.statusCode).toBe(415);
  });

  it.each([
    ["no body and no content type", {}, undefined],
    ["an empty CSV body", { "content-type": "text/csv" }, ""],
    ["a CSV body of blank lines", { "content-type": "text/csv" }, "\n\n\r\n"],
  ])("refuses %s with 400", async (_, headers, payload) => {
    const response = await h.app.inject({
      method: "POST",
      url: url(4),
      headers: { ...cbo(), ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: "bad_request" });
  });

  it("refuses bytes that are not UTF-8, naming the row, and stores nothing", async () => {
    const head = await h.store.headPosition();
    // "Belgaum" saved from a Windows-1252 spreadsheet: é is the lone byte 0xE9.
    const latin1 = Buffer.concat([
      Buffer.from([HEADER, row(10, "Mysuru"), row(11, "Bel")].join("\n")),
      Buffer.from([0xe9]),
      Buffer.from(`gaum\n${row(12, "Mandya")}\n`),
    ]);
    const response = await h.app.inject({
      method: "POST",
      url: url(5),
      headers: { ...cbo(), "content-type": "text/csv" },
      payload: latin1,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ details: [{ row: 3, message: expect.stringContaining("UTF-8") }] });
    expect(response.body).not.toContain("gaum");
    expect(await h.store.headPosition()).toBe(head);
  });

  it("records UTF-8 text, byte-order mark or not, as written", async () => {
    const file = [HEADER, row(20, "Belagavi (ಬೆಳಗಾವಿ)"), row(21, "Kolkata (কলকাতা)")].join("\r\n");
    for (const [n, payload] of [
      [6, file],
      [7, `\ufeff${file.replaceAll("8001-", "8002-")}`],
    ] as const) {
      const response = await h.app.inject({
        method: "POST",
        url: url(n),
        headers: { ...cbo(), "content-type": "text/csv; charset=utf-8" },
        payload,
      });
      expect(response.statusCode).toBe(201);
    }
    const events = await h.store.readStream(`submission-${uuid(6, "0190f5a2-8888-7000-8000")}`);
    expect(events.map((e) => e.data.district)).toEqual(["Belagavi (ಬೆಳಗಾವಿ)", "Kolkata (কলকাতা)"]);
  });
});

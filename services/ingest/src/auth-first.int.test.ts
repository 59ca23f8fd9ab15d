import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CBO, startHarness, uuid, type Harness } from "./testing/harness.testkit.js";
import { MiB, meteredBody } from "./testing/metered-body.testkit.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const badJson = { distributions: [{ quantity: "lots" }], unexpected: true };
const csvQuery = `submissionId=${uuid(1)}&cboId=${CBO}`;
const writeRoutes: { method: "POST" | "PUT"; url: string; allowed: string; contentType?: string }[] = [
  { method: "POST", url: "/v1/cbos", allowed: "admin" },
  { method: "POST", url: "/v1/donors", allowed: "admin" },
  { method: "POST", url: "/v1/funds", allowed: "admin" },
  { method: "PUT", url: "/v1/dedup-policy", allowed: "admin" },
  { method: "POST", url: "/v1/submissions", allowed: "cbo" },
  { method: "POST", url: `/v1/submissions/csv?${csvQuery}`, allowed: "cbo", contentType: "text/csv" },
  { method: "POST", url: `/v1/distributions/${uuid(2)}/void`, allowed: "cbo" },
  { method: "POST", url: `/v1/flags/${uuid(3)}/resolution`, allowed: "auditor" },
];

describe("the key and role are checked before the body is read", () => {
  it.each(writeRoutes)("$method $url: 401 without a key and 403 for another role, whatever the body", async (route) => {
    const headers = { "content-type": route.contentType ?? "application/json" };
    const payload = route.contentType ? "not,a\nsubmission" : JSON.stringify(badJson);
    const head = await h.store.headPosition();
    const anonymous = await h.call(undefined, route.method, route.url, payload, headers);
    expect(anonymous).toMatchObject({ status: 401, body: { error: "unauthorized" } });
    expect(anonymous.body.details).toBeUndefined();
    for (const role of ["donor", "admin", "cbo", "auditor"] as const) {
      if (role === route.allowed) continue;
      const refused = await h.call(role, route.method, route.url, payload, headers);
      expect(refused, role).toMatchObject({ status: 403, body: { error: "forbidden" } });
      expect(refused.body.details).toBeUndefined();
    }
    expect(await h.store.headPosition()).toBe(head);
  });

  it("leaves an unauthenticated body unread and closes the connection", async () => {
    const body = meteredBody(6 * MiB);
    const response = await h.app.inject({
      method: "POST",
      url: "/v1/submissions",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      payload: body.stream,
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers.connection).toBe("close");
    // At most the first chunk the transport had in hand when the refusal went out.
    expect(body.pulledBytes()).toBeLessThanOrEqual(64 * 1024);
  });

  it.each([
    { who: "donor", what: "a donor's body to a CBO route", sizeMiB: 6 },
    { who: "otherCbo", what: "another CBO's file to the CSV route", sizeMiB: 1 },
  ] as const)("refuses $what before reading it", async ({ who, sizeMiB }) => {
    const body = meteredBody(sizeMiB * MiB);
    const response = await h.app.inject({
      method: "POST",
      url: `/v1/submissions/csv?${csvQuery}`,
      headers: { "content-type": "text/csv", authorization: `Bearer ${h.keys[who].token}` },
      payload: body.stream,
    });
    expect(response.statusCode).toBe(403);
    expect(body.pulledBytes()).toBeLessThanOrEqual(64 * 1024);
  });
});

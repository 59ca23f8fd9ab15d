import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./testing/harness.testkit.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("ingest service surface", () => {
  it("documents every write route in OpenAPI generated from the zod schemas", async () => {
    const spec = (await h.app.inject("/docs/json")).json();
    expect(Object.keys(spec.paths).sort()).toEqual([
      "/v1/cbos",
      "/v1/dedup-policy",
      "/v1/distributions/{distributionId}/void",
      "/v1/donors",
      "/v1/flags/{flagId}/resolution",
      "/v1/funds",
      "/v1/submissions",
      "/v1/submissions/csv",
    ]);
    const body = spec.paths["/v1/submissions"].post.requestBody.content["application/json"].schema;
    expect(JSON.stringify(body)).toContain("beneficiaryRefs");
  });

  it("reports health with the store's head position", async () => {
    expect((await h.app.inject("/health")).json()).toMatchObject({
      service: "ingest",
      status: "ok",
      headPosition: "0",
    });
  });
});

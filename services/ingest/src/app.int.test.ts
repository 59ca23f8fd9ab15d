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
      "/v1/flags/{flagId}/notes",
      "/v1/flags/{flagId}/resolution",
      "/v1/funds",
      "/v1/submissions",
      "/v1/submissions/csv",
    ]);
    const body = spec.paths["/v1/submissions"].post.requestBody.content["application/json"].schema;
    expect(JSON.stringify(body)).toContain("beneficiaryRefs");
    const note = spec.paths["/v1/flags/{flagId}/notes"].post;
    expect(JSON.stringify(note.requestBody.content["application/json"].schema)).toContain('"maxLength":1000');
    expect(note.requestBody.content["application/json"].schema.required).toEqual(["noteId", "note"]);
    expect(Object.keys(note.responses)).toEqual(expect.arrayContaining(["201", "400", "403", "409", "422"]));
    expect(JSON.stringify(note.responses["201"])).toContain("flagId");
  });

  it("documents the refusals each write gives, in the one error body, beside its answer", async () => {
    const spec = (await h.app.inject("/docs/json")).json();
    const answers = (path: string, method = "post") => spec.paths[path][method].responses;
    const submission = answers("/v1/submissions");
    expect(Object.keys(submission).sort()).toEqual([
      "201",
      "400",
      "401",
      "403",
      "409",
      "413",
      "415",
      "422",
      "429",
      "503",
    ]);
    expect(Object.keys(answers("/v1/dedup-policy", "put")).sort()).toEqual([
      "201",
      "400",
      "401",
      "403",
      "413",
      "415",
      "422",
      "429",
      "503",
    ]);
    const error = submission["409"].content["application/json"].schema;
    expect(error.required).toEqual(["error", "message"]);
    expect(Object.keys(error.properties.details.items.properties)).toEqual(["path", "row", "column", "message"]);
    expect(submission["201"].content["application/json"].schema.required).toContain("replayed");
  });

  it("answers a refusal in the documented body: nothing is dropped by the response schema", async () => {
    const refused = await h.call("admin", "POST", "/v1/funds", { fundId: "not-a-uuid" });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: "validation_failed",
      details: expect.arrayContaining([{ path: "fundId", message: expect.any(String) }]),
    });
  });

  it("reports health with the store's head position", async () => {
    expect((await h.app.inject("/health")).json()).toMatchObject({
      service: "ingest",
      status: "ok",
      headPosition: "0",
    });
  });
});

import { describe, expect, it } from "vitest";
import { RefusedError, createClient } from "./http-client.js";

// Retries, back-off and Retry-After are the CLI's client's, tested there; this is the loader's use of it.
describe("the loader's ingest client", () => {
  const sent: { url: string; init: RequestInit }[] = [];
  const replies = [
    new Response("", { status: 502 }),
    Response.json({ count: 1, replayed: false }, { status: 201 }),
    Response.json({ error: "unprocessable", message: "no" }, { status: 422 }),
    ...[500, 502, 503].map((status) => new Response("", { status })),
  ];
  const client = createClient({
    baseUrl: "http://ingest.test:4001",
    retryDelaysMs: [5, 5],
    sleep: async () => undefined,
    fetch: async (url, init) => (
      sent.push({ url: url instanceof Request ? url.url : url.toString(), init: init! }),
      replies.shift()!
    ),
  });

  it("sends JSON with the bearer key, counts its retries, returns refusals and says when it gives up", async () => {
    expect(await client.send("rlk_x", "POST", "/v1/cbos", { cboId: "a-cbo" })).toEqual({
      status: 201,
      body: { count: 1, replayed: false },
    });
    expect(sent[1]).toMatchObject({
      url: "http://ingest.test:4001/v1/cbos",
      init: {
        body: '{"cboId":"a-cbo"}',
        headers: { authorization: "Bearer rlk_x", "content-type": "application/json" },
      },
    });
    expect(client.retries()).toBe(1);
    expect(await client.send("k", "POST", "/v1/funds", {})).toEqual({
      status: 422,
      body: { error: "unprocessable", message: "no" },
    });
    await expect(client.send("k", "PUT", "/v1/dedup-policy", {})).rejects.toThrow(
      "PUT /v1/dedup-policy: gave up after 3 attempts (server error 503)",
    );
  });

  it("describes a refusal by its fields, as the API names them", () => {
    const error = new RefusedError("submission s of c", 400, {
      error: "validation_failed",
      message: "the request is invalid",
      details: [{ path: "distributions.3.beneficiaryRefs.0.value", message: "aadhaar check digit does not match" }],
    });
    expect(error.message).toBe(
      "submission s of c was refused: 400 validation_failed: the request is invalid; " +
        "distributions.3.beneficiaryRefs.0.value: aadhaar check digit does not match",
    );
  });
});

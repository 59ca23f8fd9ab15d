import { describe, expect, it } from "vitest";
import { RefusedError, createClient } from "./http-client.js";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A client whose fetch answers from a script, and whose sleeps are only recorded. */
function scripted(...answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const waits: number[] = [];
  const reasons: string[] = [];
  const client = createClient({
    baseUrl: "http://ingest.test:4001",
    retryDelaysMs: [10, 20, 30],
    sleep: async (ms) => void waits.push(ms),
    onRetry: (reason) => reasons.push(reason),
    fetch: async (url, init) => {
      calls.push({ url: String(url), init: init! });
      const answer = answers.shift();
      if (!answer) throw new Error("no more answers");
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { client, calls, waits, reasons };
}

describe("the ingest client", () => {
  it("sends JSON with the bearer key", async () => {
    const { client, calls } = scripted(json(201, { count: 1, replayed: false }));
    expect(await client.send("rlk_x", "POST", "/v1/cbos", { cboId: "a-cbo" })).toEqual({
      status: 201,
      body: { count: 1, replayed: false },
    });
    expect(calls[0]!.url).toBe("http://ingest.test:4001/v1/cbos");
    expect(calls[0]!.init.headers).toEqual({ authorization: "Bearer rlk_x", "content-type": "application/json" });
    expect(calls[0]!.init.body).toBe('{"cboId":"a-cbo"}');
  });

  it("retries network errors, 5xx and 429 (honouring Retry-After), then returns the answer", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    const { client, calls, waits, reasons } = scripted(
      refused,
      json(503, {}),
      json(429, {}, { "retry-after": "2" }),
      json(201, { replayed: true }),
    );
    expect((await client.send("k", "POST", "/v1/submissions", {})).status).toBe(201);
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([10, 20, 2_000]);
    expect(reasons).toEqual(["network error ECONNRESET", "server error 503", "rate limited (429)"]);
    expect(client.retries()).toBe(3);
  });

  it("returns a refusal at once, and gives up after its last retry", async () => {
    const refusal = scripted(json(422, { error: "unprocessable", message: "no" }));
    expect(await refusal.client.send("k", "POST", "/v1/funds", {})).toEqual({
      status: 422,
      body: { error: "unprocessable", message: "no" },
    });
    expect(refusal.calls).toHaveLength(1);
    const down = scripted(json(500, {}), json(502, {}), json(503, {}), json(504, {}));
    await expect(down.client.send("k", "PUT", "/v1/dedup-policy", {})).rejects.toThrow(
      "PUT /v1/dedup-policy: gave up after 4 attempts (server error 504)",
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

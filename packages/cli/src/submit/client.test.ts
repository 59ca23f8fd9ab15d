import { describe, expect, it } from "vitest";
import { postChunk, retryDelays, type ClientOptions } from "./client.js";

const IDS = { submissionId: "0190f5a2-0000-7000-8000-0000000000aa", cboId: "ashodaya-samithi" };
const RECORDED = {
  submissionId: IDS.submissionId,
  cboId: IDS.cboId,
  firstPosition: "5",
  lastPosition: "6",
  count: 2,
  replayed: false,
};
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A fetch that answers from a script and remembers what it was asked. */
function scripted(...answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const waits: number[] = [];
  const options: ClientOptions = {
    url: "http://ingest.test:4001",
    token: "rlk_000000000000_secret",
    retryDelaysMs: [10, 20, 30],
    sleep: async (ms) => void waits.push(ms),
    fetch: async (url, init) => {
      calls.push({ url: url instanceof Request ? url.url : url.toString(), init: init! });
      const answer = answers.shift();
      if (!answer) throw new Error("no more answers");
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { options, calls, waits };
}

describe("posting a chunk", () => {
  it("posts CSV with the bearer key and the submission's ids in the query", async () => {
    const { options, calls } = scripted(json(201, RECORDED));
    expect(await postChunk(options, IDS, "a,b\n")).toEqual({ kind: "recorded", recorded: RECORDED });
    expect(calls[0]!.url).toBe(
      `http://ingest.test:4001/v1/submissions/csv?submissionId=${IDS.submissionId}&cboId=${IDS.cboId}`,
    );
    expect(calls[0]!.init.headers).toEqual({
      "content-type": "text/csv",
      authorization: "Bearer rlk_000000000000_secret",
    });
    expect(calls[0]!.init.body).toBe("a,b\n");
  });

  it("retries network errors, 5xx and 429 with back-off, honouring Retry-After, then succeeds", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    const { options, calls, waits } = scripted(
      refused,
      json(503, {}),
      json(429, {}, { "retry-after": "2" }),
      json(201, RECORDED),
    );
    const reasons: string[] = [];
    const outcome = await postChunk({ ...options, onRetry: (reason) => reasons.push(reason) }, IDS, "a\n");
    expect(outcome.kind).toBe("recorded");
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([10, 20, 2000]);
    expect(reasons).toEqual(["network error ECONNRESET", "server error 503", "rate limited (429)"]);
    expect(new Set(calls.map((call) => call.url)).size).toBe(1);
  });

  it("gives up after the last retry, reporting why", async () => {
    const { options, calls } = scripted(json(500, {}), json(502, {}), json(503, {}), json(504, {}));
    expect(await postChunk(options, IDS, "a\n")).toEqual({ kind: "unavailable", reason: "server error 504" });
    expect(calls).toHaveLength(4);
  });

  it("stops at once on a refusal and returns its details", async () => {
    const details = [{ row: 3, column: "aadhaar", message: "check digit does not match" }];
    const { options, calls } = scripted(json(400, { error: "bad_request", message: "some rows are invalid", details }));
    expect(await postChunk(options, IDS, "a\n")).toEqual({
      kind: "refused",
      status: 400,
      error: "bad_request",
      message: "some rows are invalid",
      details,
    });
    expect(calls).toHaveLength(1);
  });

  it("treats a refusal without a JSON body as a refusal all the same", async () => {
    const { options } = scripted(new Response("nope", { status: 403 }));
    expect(await postChunk(options, IDS, "a\n")).toMatchObject({ kind: "refused", status: 403, error: "http_403" });
  });

  it("waits a growing time between retries, then a minute", () => {
    expect(retryDelays(6)).toEqual([1_000, 3_000, 10_000, 30_000, 60_000, 60_000]);
    expect(retryDelays(0)).toEqual([]);
  });
});

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiKey } from "./api-keys.js";
import { requireRole } from "./auth.js";
import { badRequest, notFound } from "./errors.js";
import { staticKeyring } from "./keyring.js";
import { loggerOptions } from "./logger.js";
import { createHttpServer } from "./server.js";
import { CANARY, probeForLeaks } from "./testing/leak-probe.testkit.js";

const admin = createApiKey({ role: "admin" });
const ITEM = z.strictObject({ name: z.string().min(2), count: z.int() });

/** A server wired as every service is, with routes shaped like theirs; `plant` adds one leaky route. */
async function serverWith(plant?: "message" | "log" | "notFound") {
  let logs = "";
  const stream = new Writable({ write: (chunk, _, done) => ((logs += chunk.toString()), done()) });
  const app = await createHttpServer({
    service: "probe",
    version: "0.0.0",
    description: "leak probe target",
    keyring: staticKeyring([admin.record]),
    rateLimitPerMinute: 1_000_000,
    logger: { ...(loggerOptions("probe") as object), stream },
  });
  app.post(
    "/v1/batches/:batchId",
    {
      onRequest: requireRole("admin"),
      schema: {
        params: z.object({ batchId: z.uuid() }),
        querystring: z.object({ format: z.enum(["json", "csv"]).default("json") }),
        body: z.strictObject({ batchId: z.uuid(), items: z.array(ITEM).min(1) }),
      },
    },
    async () => ({ ok: true }),
  );
  app.get(
    "/v1/things/:thingId",
    { onRequest: requireRole("admin"), schema: { params: z.object({ thingId: z.string().regex(/^[a-z0-9-]+$/) }) } },
    async (request) => {
      if (plant === "log") request.log.info({ url: request.url }, "looking up");
      if (plant === "notFound") throw notFound(`no thing ${request.params.thingId}`);
      throw notFound("no such thing");
    },
  );
  // A fault whose error carries the URL (Fastify's response serialization error does): a 500, logged.
  app.get("/v1/broken", { schema: { response: { 200: z.object({ count: z.int() }) } } }, async () => ({
    count: "many" as unknown as number,
  }));
  app.post(
    "/v1/notes",
    { onRequest: requireRole("admin"), schema: { body: z.object({ note: z.string() }) } },
    async (request) => {
      if (plant === "message") throw badRequest(`cannot take ${JSON.stringify(request.body)}`);
      return { ok: true };
    },
  );
  await app.ready();
  return { app, tokens: [admin.token], logs: () => logs, hiddenRoutes: ["/health"] };
}

describe("privacy: the shared HTTP wiring never returns, logs or measures request text", () => {
  it("answers every planted canary without quoting it", async () => {
    const target = await serverWith();
    const { leaks, requests } = await probeForLeaks(target);
    await target.app.close();
    expect(requests).toBeGreaterThan(50);
    if (process.env.PROBE_OUT)
      (await import("node:fs")).writeFileSync(process.env.PROBE_OUT, JSON.stringify(leaks, null, 1));
    expect(leaks).toEqual([]);
  });

  it("logs a fault without the URL its error carries", async () => {
    const { app, logs } = await serverWith();
    const response = await app.inject({ method: "GET", url: `/v1/broken?member=${CANARY.aadhaar}` });
    await app.close();
    expect(response.statusCode).toBe(500);
    expect(logs()).toContain("FST_ERR_RESPONSE_SERIALIZATION");
    expect(logs()).not.toContain(CANARY.aadhaar);
  });

  it("names an unknown key by its position, not its text", async () => {
    const { app } = await serverWith();
    const response = await app.inject({
      method: "POST",
      url: "/v1/batches/0190f5a2-0000-7000-8000-000000000001",
      headers: { authorization: `Bearer ${admin.token}` },
      payload: {
        batchId: "0190f5a2-0000-7000-8000-000000000001",
        items: [{ name: "kit", count: 1, [CANARY.text]: 1 }],
      },
    });
    await app.close();
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([{ path: "items.0", message: "has a field that is not allowed" }]);
  });

  it("answers an unknown route without its path, and logs the route pattern, not the URL", async () => {
    const { app, logs } = await serverWith();
    const response = await app.inject({ method: "GET", url: `/v1/members/${CANARY.aadhaar}?q=${CANARY.aadhaar}` });
    await app.inject({
      method: "GET",
      url: `/v1/things/${CANARY.aadhaar}?q=1`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    await app.close();
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: "not_found", message: "no route matches this method and path" });
    const incoming = logs()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg === "incoming request");
    expect(incoming.map((line) => line.req)).toEqual([
      { method: "GET", route: "unmatched" },
      { method: "GET", route: "/v1/things/:thingId" },
    ]);
  });

  it.each(["message", "log", "notFound"] as const)("catches a leak planted in a %s", async (plant) => {
    const target = await serverWith(plant);
    const { leaks } = await probeForLeaks(target);
    await target.app.close();
    expect(leaks.length).toBeGreaterThan(0);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createApiKey, loggerOptions, staticKeyring } from "@relief-ledger/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQueryApp, followReadModel } from "@relief-ledger/query";
import { buildWebApp } from "./app.js";
import { memorySessionStore } from "./sessions.js";

// The web service in front of a real query service on a real port (an empty read model is
// enough: these tests are about sign-in, headers and forwarding, not figures).
const dir = mkdtempSync(join(tmpdir(), "ledger-web-app-"));
const donor = createApiKey({ role: "donor", donorId: "azim-trust" });
const readModel = followReadModel(join(dir, "read-models.db"), 0);
let query: Awaited<ReturnType<typeof buildQueryApp>>;
let web: Awaited<ReturnType<typeof buildWebApp>>;
let log = "";

beforeAll(async () => {
  query = await buildQueryApp({ readModel, keyring: staticKeyring([donor.record]), logger: false });
  const queryUrl = await query.listen({ host: "127.0.0.1", port: 0 });
  const sink = new Writable({ write: (chunk, _, done) => ((log += chunk.toString()), done()) });
  const logger = { ...(loggerOptions("web", "trace") as object), stream: sink };
  web = await buildWebApp({
    config: {
      ingestUrl: "http://127.0.0.1:9",
      queryUrl,
      appDir: join(dir, "no-pages-here"),
      session: { idleMs: 60_000, maxMs: 3_600_000, secureCookie: "auto" },
      publicCoalition: false,
      rateLimitPerMinute: 1000,
    },
    logger,
  });
  await web.ready();
});
afterAll(async () => {
  await web.close();
  await query.close();
  readModel.close();
  rmSync(dir, { recursive: true, force: true });
});

const signIn = (apiKey: string, headers: Record<string, string> = {}) =>
  web.inject({ method: "POST", url: "/auth/session", payload: { apiKey }, headers });

describe("the web service", () => {
  it("sends a strict Content-Security-Policy: nothing inline, nothing from another origin", async () => {
    const response = await web.inject({ url: "/coalition" });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toMatch(/https?:/);
    // Not built: it says how to build them, rather than a blank page.
    expect(response.statusCode).toBe(503);
  });

  it("signs in with a valid key into an HttpOnly, SameSite=Strict cookie that carries no key", async () => {
    const response = await signIn(donor.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ signedIn: true, principal: { role: "donor", donorId: "azim-trust" } });
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^ledger_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain(donor.token);
    expect(response.body).not.toContain(donor.token);
  });

  it("says plainly when a key is wrong, and quotes none of it", async () => {
    const wrong = `${donor.token.slice(0, -3)}xyz`;
    const response = await signIn(wrong);
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toBe("this API key was not accepted: it is mistyped, revoked or expired");
    expect(response.headers["set-cookie"]).toBeUndefined();
    const empty = await signIn("");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details[0].path).toBe("apiKey");
  });

  it("refuses a sign-in posted from another site", async () => {
    const response = await signIn(donor.token, { origin: "https://evil.example" });
    expect(response.statusCode).toBe(403);
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  it("documents sign-in, the session and sign-out as needing no key in the header", async () => {
    const spec = (await web.inject("/docs/json")).json();
    const session = spec.paths["/auth/session"];
    expect([session.post.security, session.get.security, session.delete.security]).toEqual([[], [], []]);
  });

  it("forwards /api/query with the session's key, and never logs the key", async () => {
    const cookie = String((await signIn(donor.token)).headers["set-cookie"]).split(";")[0]!;
    const me = await web.inject({ url: "/api/query/v1/me", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: "donor", donorId: "azim-trust" });
    const without = await web.inject({ url: "/api/query/v1/me" });
    expect(without.statusCode).toBe(401);
    await web.inject({ method: "DELETE", url: "/auth/session", headers: { cookie } });
    expect((await web.inject({ url: "/api/query/v1/me", headers: { cookie } })).statusCode).toBe(401);
    expect(log).toContain('"service":"web"');
    expect(log).not.toContain(donor.token);
    // The secret: all after "rlk_<12-hex key id>_"; base64url, so it may hold "_" itself.
    expect(log).not.toContain(donor.token.slice("rlk_".length + 13));
  });
});

describe("the session store", () => {
  it("forgets a session idle too long or too old, and stays bounded", () => {
    let now = 0;
    const store = memorySessionStore({ idleMs: 10, maxMs: 100, maxSessions: 2 }, () => now);
    const principal = { role: "donor", keyId: "k" };
    const a = store.create("key-a", principal);
    now = 9;
    expect(store.get(a)?.apiKey).toBe("key-a");
    now = 20;
    expect(store.get(a)).toBeUndefined();
    const b = store.create("key-b", principal);
    for (now = 25; now < 105; now += 5) expect(store.get(b)).toBeDefined();
    now = 125;
    expect(store.get(b)).toBeUndefined();
    const ids = [store.create("1", principal), store.create("2", principal), store.create("3", principal)];
    expect(store.size).toBe(2);
    expect(store.get(ids[0])).toBeUndefined();
  });
});

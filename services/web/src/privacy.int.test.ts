import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createApiKey, loggerOptions, staticKeyring } from "@relief-ledger/http";
import { probeForLeaks } from "@relief-ledger/http/testing";
import { buildQueryApp, followReadModel } from "@relief-ledger/query";
import { afterAll, describe, expect, it } from "vitest";
import { buildWebApp } from "./app.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-web-privacy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("privacy: the web service never returns, logs or measures request text, nor a key", () => {
  it("plants a member's name and numbers in every part of every request, its proxy included, and finds them nowhere", async () => {
    const donor = createApiKey({ role: "donor", donorId: "azim-trust" });
    const readModel = followReadModel(join(dir, "read-models.db"), 0);
    const query = await buildQueryApp({ readModel, keyring: staticKeyring([donor.record]), logger: false });
    const queryUrl = await query.listen({ host: "127.0.0.1", port: 0 });
    let logs = "";
    const stream = new Writable({ write: (chunk, _, done) => ((logs += chunk.toString()), done()) });
    const web = await buildWebApp({
      config: {
        ingestUrl: queryUrl,
        queryUrl,
        appDir: join(dir, "no-pages"),
        session: { idleMs: 60_000, maxMs: 3_600_000, secureCookie: "auto" },
        publicCoalition: false,
        rateLimitPerMinute: 1_000_000,
      },
      logger: { ...(loggerOptions("web", "trace") as object), stream },
    });
    try {
      const { leaks, requests } = await probeForLeaks({
        app: web,
        tokens: [donor.token],
        logs: () => logs,
        hiddenRoutes: ["/health", "/metrics", "/coalition", "/api/query/v1/totals", "/api/query/v1/me"],
      });
      expect(requests).toBeGreaterThan(20);
      expect(logs).toContain("incoming request");
      expect(leaks).toEqual([]);
      // The secret: all after "rlk_<12-hex key id>_"; base64url, so it may hold "_" itself.
      expect(logs).not.toContain(donor.token.slice("rlk_".length + 13));
    } finally {
      await web.close();
      await query.close();
      readModel.close();
    }
  }, 120_000);
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { createApiKey, loggerOptions, staticKeyring } from "@relief-ledger/http";
import { CANARY, probeForLeaks } from "@relief-ledger/http/testing";
import { openProjector } from "@relief-ledger/projections";
import { appendEvents, cbo, distribution, donor, fund } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQueryApp } from "./app.js";
import { followReadModel } from "./read-model.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-query-privacy-"));
const keys = [
  createApiKey({ role: "cbo", cboId: "sangama-blr" }),
  createApiKey({ role: "donor", donorId: "azim-trust" }),
  createApiKey({ role: "auditor" }),
  createApiKey({ role: "admin" }),
];
const readModel = followReadModel(join(dir, "read-models.db"), 0);
let logs = "";
let app: Awaited<ReturnType<typeof buildQueryApp>>;

beforeAll(async () => {
  const store = openSqliteEventStore({ file: join(dir, "events.db") });
  await appendEvents(store, [
    cbo("sangama-blr", "IN-KA"),
    donor("azim-trust"),
    fund({ fund: 1, cboId: "sangama-blr", amountPaise: 1_000_000, receivedOn: "2021-04-20" }),
    distribution({ id: 1, cboId: "sangama-blr", on: "2021-05-01", people: [1], valuePaise: 150_000, submission: 1 }),
  ]);
  const projector = openProjector({ store, file: join(dir, "read-models.db") });
  await projector.runOnce();
  await projector.close();
  const stream = new Writable({ write: (chunk, _, done) => ((logs += chunk.toString()), done()) });
  app = await buildQueryApp({
    readModel,
    logStore: { get: () => store, close: async () => undefined },
    keyring: staticKeyring(keys.map((key) => key.record)),
    logger: { ...(loggerOptions("query") as object), stream },
    rateLimitPerMinute: 1_000_000,
  });
  await app.ready();
  return async () => {
    await app.close();
    await store.close();
  };
});
afterAll(() => {
  readModel.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("privacy: the query service never returns, logs or measures request text", () => {
  it("plants a member's name and numbers in every part of a request to every route, and finds them nowhere", async () => {
    const { leaks, requests } = await probeForLeaks({
      app,
      tokens: keys.map((key) => key.token),
      logs: () => logs,
      hiddenRoutes: ["/health"],
      pathValues: { cboId: "sangama-blr", donorId: "azim-trust" },
    });
    expect(requests).toBeGreaterThan(200);
    expect(leaks).toEqual([]);
  });

  it("answers a 404 for a CBO or donor id without repeating it", async () => {
    const auditor = { authorization: `Bearer ${keys[2]!.token}` };
    for (const url of [`/v1/cbos/${CANARY.aadhaar}/totals`, `/v1/donors/${CANARY.aadhaar}/attribution`]) {
      const response = await app.inject({ url, headers: auditor });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.body).not.toContain("200066600010");
    }
  });
});

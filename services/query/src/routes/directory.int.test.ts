import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { createApiKey, staticKeyring } from "@relief-ledger/http";
import { openProjector } from "@relief-ledger/projections";
import { appendEvents, cbo, distribution, donor } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQueryApp } from "../app.js";
import { followReadModel } from "../read-model.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-query-directory-"));
const keys = {
  donor: createApiKey({ role: "donor", donorId: "azim-trust" }),
  cbo: createApiKey({ role: "cbo", cboId: "sangama-blr" }),
  admin: createApiKey({ role: "admin" }),
};
const readModelFile = join(dir, "read-models.db");
const readModel = followReadModel(readModelFile, 0);
const apps: Record<"private" | "public", Awaited<ReturnType<typeof buildQueryApp>>> = {} as never;

beforeAll(async () => {
  const store = openSqliteEventStore({ file: join(dir, "events.db") });
  await appendEvents(store, [
    cbo("sangama-blr", "IN-KA"),
    cbo("durbar-kol", "IN-WB"),
    donor("azim-trust"),
    distribution({ id: 1, cboId: "sangama-blr", on: "2021-05-01", people: [1], valuePaise: 150_000 }),
    distribution({ id: 2, cboId: "durbar-kol", on: "2021-06-02", people: [2], valuePaise: 20_000 }),
  ]);
  const projector = openProjector({ store, file: readModelFile });
  await projector.runOnce();
  await projector.close();
  await store.close();
  const keyring = staticKeyring(Object.values(keys).map((k) => k.record));
  apps.private = await buildQueryApp({ readModel, keyring, logger: false });
  apps.public = await buildQueryApp({ readModel, keyring, logger: false, publicCoalition: true });
});
afterAll(async () => {
  await apps.private.close();
  await apps.public.close();
  readModel.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (app: keyof typeof apps, url: string, key?: keyof typeof keys) =>
  apps[app].inject({ url, headers: key ? { authorization: `Bearer ${keys[key].token}` } : {} });

describe("who am I, the CBO directory and value by state", () => {
  it("tells a key its role and scope, and nothing of the key itself", async () => {
    const response = await get("private", "/v1/me", "donor");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ role: "donor", keyId: keys.donor.record.keyId, donorId: "azim-trust" });
    expect(response.body).not.toContain(keys.donor.token);
    expect((await get("private", "/v1/me")).statusCode).toBe(401);
  });

  it("lists the CBOs by state and sums value by state, money only", async () => {
    const directory = await get("private", "/v1/cbos", "donor");
    expect(directory.json().cbos.map((c: { cboId: string; state: string }) => [c.state, c.cboId])).toEqual([
      ["IN-KA", "sangama-blr"],
      ["IN-WB", "durbar-kol"],
    ]);
    const states = await get("private", "/v1/totals/states?state=IN-WB", "cbo");
    expect(states.json()).toEqual({
      cells: [{ state: "IN-WB", service: "grocery_kit", month: "2021-06", valuePaise: 20_000 }],
    });
    const csv = await get("private", "/v1/totals/states?format=csv", "donor");
    expect(csv.body.split("\n").slice(0, 3)).toEqual([
      "state,service,serviceCode,month,valueInr",
      "#adm1+code,#sector,#sector+code,#date+month,#value+inr",
      "IN-KA,Grocery kit,grocery_kit,2021-05,1500.00",
    ]);
  });

  it("keeps the coalition views behind a key unless the operator makes them public", async () => {
    for (const url of ["/v1/totals", "/v1/cbos", "/v1/totals/states"]) {
      expect((await get("private", url)).statusCode, url).toBe(401);
      // Every role lands on the coalition page after signing in.
      for (const role of ["admin", "cbo", "donor"] as const)
        expect((await get("private", url, role)).statusCode).toBe(200);
      expect((await get("public", url)).statusCode, url).toBe(200);
    }
    // In public, the coalition's small cells stay suppressed as a donor sees them.
    const totals = (await get("public", "/v1/totals")).json();
    expect(totals.cells[0]).toMatchObject({ persons: null, distributions: null, suppressed: true });
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addToApiKeysFile, createApiKey } from "@relief-ledger/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCboKeys, generateCoalition, loadCoalition, waitForKey, type Coalition } from "../demo-data/index.js";
import { expectedAttribution, expectedCells, survivingDistributions, type ExpectedRecord } from "./expectations.js";
import { startServiceFromSource, stopService, type RunningService, servicesEnv } from "./services.js";

// The whole ledger as a newcomer runs it: three processes on real ports, a generated coalition
// sent through the ingest API, then totals, attribution and flags read back through the query API
// and compared with what this test works out from the generated data on its own.
const dir = mkdtempSync(join(tmpdir(), "ledger-e2e-"));
const keysFile = join(dir, "api-keys.json");
const admin = createApiKey({ role: "admin" });
const auditor = createApiKey({ role: "auditor" });
const base = 4600 + Math.floor(Math.random() * 300);
const env = servicesEnv(dir, keysFile, base);
const services: RunningService[] = [];
let coalition: Coalition;
let records: ExpectedRecord[];

interface Cell {
  service: string;
  month: string;
  distributions: number;
  valuePaise: number;
  attributedPaise: number;
  unfundedPaise: number;
  schemePaise: number;
}
interface Fund {
  fundId: string;
  receivedPaise: number;
  attributedPaise: number;
  remainingPaise: number;
}

const getJson = async <T>(url: string, token?: string): Promise<T> => {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
};

beforeAll(async () => {
  addToApiKeysFile(keysFile, admin.record);
  addToApiKeysFile(keysFile, auditor.record);
  coalition = generateCoalition({ seed: 11, scale: 0.003 });
  records = survivingDistributions(coalition);
  const cboKeys = createCboKeys(
    keysFile,
    coalition.cbos.map((c) => c.registration.cboId),
  );
  for (const [name, port] of [
    ["ingest", base],
    ["projector", base + 2],
    ["query", base + 1],
  ] as const) {
    services.push(await startServiceFromSource(name, port, env));
  }
  const [ingest, projector] = services as [RunningService, RunningService];
  await waitForKey(ingest.url, [...cboKeys.values()][0]!);
  await loadCoalition(
    { baseUrl: ingest.url, adminKey: admin.token, keyFor: (cboId) => cboKeys.get(cboId)! },
    coalition,
    { concurrency: 4 },
  );
  const { headPosition: head } = await getJson<{ headPosition: string }>(`${ingest.url}/health`);
  for (let i = 0; i < 600; i++) {
    const health = await getJson<{ checkpoint: string }>(`${projector.url}/health`);
    if (health.checkpoint === head) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the projector did not catch up");
}, 240_000);

afterAll(async () => {
  await Promise.all(services.map(stopService));
  rmSync(dir, { recursive: true, force: true });
});

const queryUrl = () => services[2]!.url;

describe("the whole ledger, end to end", () => {
  it("loaded a coalition worth testing", () => {
    expect(coalition.cbos.length).toBeGreaterThanOrEqual(3);
    expect(records.length).toBeGreaterThan(1_000);
    expect(coalition.voids.length).toBeGreaterThan(0);
    expect(coalition.plantedDuplicates.length).toBeGreaterThan(0);
  });

  it("shows each CBO's totals exactly as the generated distributions add up", async () => {
    const expected = expectedCells(records);
    const actual = new Map<string, { distributions: number; valuePaise: number; schemePaise: number }>();
    for (const { registration } of coalition.cbos) {
      const totals = await getJson<{ cells: Cell[] }>(
        `${queryUrl()}/v1/cbos/${registration.cboId}/totals`,
        auditor.token,
      );
      for (const cell of totals.cells) {
        actual.set(`${registration.cboId}|${cell.service}|${cell.month}`, {
          distributions: cell.distributions,
          valuePaise: cell.valuePaise,
          schemePaise: cell.schemePaise,
        });
        expect(cell.attributedPaise + cell.unfundedPaise + cell.schemePaise).toBe(cell.valuePaise);
      }
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  it("attributes each fund exactly as docs/rules.md's walk does on the generated data", async () => {
    const expected = expectedAttribution(coalition, records);
    const actual = new Map<string, number>();
    for (const donor of coalition.donors) {
      const attribution = await getJson<{ funds: Fund[] }>(
        `${queryUrl()}/v1/donors/${donor.donorId}/attribution`,
        auditor.token,
      );
      for (const fund of attribution.funds) {
        actual.set(fund.fundId, fund.attributedPaise);
        expect(fund.attributedPaise + fund.remainingPaise).toBe(fund.receivedPaise);
      }
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  it("flags exactly the planted duplicate benefits", async () => {
    // Read page by page, as a client must: one answer holds at most `limit` flags.
    const flags: { flagId: string }[] = [];
    let cursor: string | null = null;
    do {
      const url = `${queryUrl()}/v1/flags?limit=50${cursor === null ? "" : `&cursor=${cursor}`}`;
      const page: { flags: { flagId: string }[]; nextCursor: string | null } = await getJson(url, auditor.token);
      flags.push(...page.flags);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const planted = coalition.plantedDuplicates
      .map((p) => p.distributionId)
      .filter((id) => records.some((r) => r.distribution.distributionId === id));
    expect(flags.map((f) => f.flagId).sort()).toEqual(planted.sort());
  });
});

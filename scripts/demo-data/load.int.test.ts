import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type EventStore } from "@relief-ledger/event-store";
import { addToApiKeysFile, createApiKey, fileKeyring } from "@relief-ledger/http";
import { todayInIndia } from "@relief-ledger/ingest";
import { startHarness, type Harness } from "@relief-ledger/ingest/testing";
import { iatiActivities, iatiDonor, iatiReport } from "@relief-ledger/iati";
import { activitySums, codeErrors, schemaErrors } from "@relief-ledger/iati/testing";
import {
  donorAttribution,
  donorIds,
  openProjector,
  openReadModel,
  suppressAttribution,
} from "@relief-ledger/projections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCsvFiles } from "./csv.js";
import { generateCoalition } from "./generate.js";
import { createCboKeys, waitForKey } from "./keys.js";
import { loadCoalition, type LoadSummary } from "./load.js";
import type { Coalition } from "./types.js";

let h: Harness;
let dir: string;
let store: EventStore;
let baseUrl: string;
let adminKey: string;
let tokens: Map<string, string>;
let coalition: Coalition;

/** The real ingest service on a real SQLite file, listening on a real port, keys read from its keys file. */
beforeAll(async () => {
  const admin = createApiKey({ role: "admin", label: "test" });
  adminKey = admin.token;
  let keysFile = "";
  h = await startHarness({
    today: todayInIndia(),
    logger: false,
    moreKeys: (harnessDir) => {
      keysFile = join(harnessDir, "api-keys.json");
      addToApiKeysFile(keysFile, admin.record);
      return fileKeyring(keysFile);
    },
  });
  ({ dir, store } = h);
  baseUrl = await h.app.listen({ port: 0, host: "127.0.0.1" });
  coalition = generateCoalition({ seed: 7, scale: 0.002 });
  // As main.ts does it: keys in the service's keys file, picked up without a restart.
  tokens = createCboKeys(
    keysFile,
    coalition.cbos.map((c) => c.registration.cboId),
  );
  await waitForKey(baseUrl, [...tokens.values()].at(-1)!);
});

afterAll(() => h?.close());

async function countEvents(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (
    let page = await store.readAll({ maxCount: 1_000 });
    ;
    page = await store.readAll({ after: page.next, maxCount: 1_000 })
  ) {
    for (const event of page.events) counts[event.type] = (counts[event.type] ?? 0) + 1;
    if (page.isEnd) return counts;
  }
}

const load = (): Promise<LoadSummary> =>
  loadCoalition({ baseUrl, adminKey, keyFor: (cboId) => tokens.get(cboId)! }, coalition, { concurrency: 4 });

describe("loading a coalition through the ingest API", () => {
  let first: LoadSummary;

  it("records every registration, fund, distribution and void, exactly once", async () => {
    const phases = new Set<string>();
    first = await loadCoalition({ baseUrl, adminKey, keyFor: (cboId) => tokens.get(cboId)! }, coalition, {
      concurrency: 4,
      onProgress: (p) => void phases.add(p.phase),
    });
    const e = coalition.expected;
    expect(phases).toEqual(new Set(["registrations", "funds", "submissions", "done"]));
    expect(first).toMatchObject({
      cbos: { recorded: e.cbos, replayed: 0 },
      donors: { recorded: e.donors, replayed: 0 },
      funds: { recorded: e.funds, replayed: 0 },
      submissions: { recorded: e.submissions, replayed: 0 },
      distributions: { recorded: e.distributions, replayed: 0 },
      voids: { recorded: e.voids, replayed: 0 },
    });
    expect(e.distributions).toBeGreaterThan(1_000);
    expect(e.voids).toBeGreaterThan(0);
    expect(await countEvents()).toEqual({
      CboRegistered: e.cbos,
      DonorRegistered: e.donors,
      FundsReceived: e.funds,
      DistributionRecorded: e.distributions,
      DistributionVoided: e.voids,
    });
  });

  it("records nothing new when loaded again: every write is a replay", async () => {
    const head = await store.headPosition();
    const again = await load();
    const e = coalition.expected;
    expect(again).toMatchObject({
      cbos: { recorded: 0, replayed: e.cbos },
      donors: { recorded: 0, replayed: e.donors },
      funds: { recorded: 0, replayed: e.funds },
      submissions: { recorded: 0, replayed: e.submissions },
      distributions: { recorded: 0, replayed: e.distributions },
      voids: { recorded: 0, replayed: e.voids },
    });
    expect(await store.headPosition()).toBe(head);
  });

  it("stores no identity value the coalition's members hold", async () => {
    const values = coalition.members.flatMap((m) => Object.values(m.documents));
    let text = "";
    for (
      let page = await store.readAll({ maxCount: 1_000 });
      ;
      page = await store.readAll({ after: page.next, maxCount: 1_000 })
    ) {
      text += page.events.map((event) => JSON.stringify(event.data)).join("\n");
      if (page.isEnd) break;
    }
    expect(values.length).toBeGreaterThan(100);
    expect(values.filter((value) => text.includes(value))).toEqual([]);
  });

  it("writes CSV files the ingest CSV route reads: their rows are the distributions already recorded", async () => {
    const { files, rows } = writeCsvFiles(coalition, join(dir, "csv"));
    expect(rows).toBe(coalition.expected.distributions);
    const cbo = coalition.cbos[0]!.registration.cboId;
    const lines = readFileSync(files[0]!, "utf8").trimEnd().split("\n");
    const response = await fetch(
      `${baseUrl}/v1/submissions/csv?submissionId=0190f5a2-0000-7000-8000-00000000c5c5&cboId=${cbo}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.get(cbo)}`, "content-type": "text/csv" },
        body: lines.slice(0, 1_001).join("\n") + "\n",
      },
    );
    // Parsed and valid, refused only because the first load recorded these distributionIds.
    expect(response.status).toBe(409);
    const body = (await response.json()) as { details: unknown[] };
    expect(body.details).toHaveLength(Math.min(1_000, lines.length - 1));
  });

  it("reports every donor of the demo coalition as a schema-valid IATI file whose sums equal its attribution", async () => {
    const projector = openProjector({ store, file: join(dir, "read-models.db") });
    await projector.runOnce();
    await projector.close();
    const db = openReadModel(join(dir, "read-models.db"));
    const files: string[] = [];
    for (const donorId of donorIds(db)) {
      const attribution = donorAttribution(db, donorId)!;
      if (attribution.funds.length === 0) continue;
      const reportingOrg = { ref: "XI-IATI-DEMO", name: "Demo coalition", type: "24" };
      const generatedAt = "2026-01-01T00:00:00Z";
      const xml = iatiActivities(
        iatiReport(db, { donorId, reportingOrg, generatedAt, view: (a) => iatiDonor(suppressAttribution(a)) })!,
      )!;
      expect(codeErrors(xml), donorId).toEqual([]);
      expect(
        activitySums(xml).map((a) => [a.incomingPaise, a.expenditurePaise]),
        donorId,
      ).toEqual(attribution.funds.map((f) => [f.receivedPaise, f.attributedPaise]));
      files.push(xml);
    }
    expect(files.length).toBeGreaterThan(0);
    db.close();
    expect(await schemaErrors(files)).toEqual([]);
  });
});

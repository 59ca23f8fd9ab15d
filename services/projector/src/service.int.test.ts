import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { loggerOptions } from "@relief-ledger/http";
import { openReadModel } from "@relief-ledger/projections";
import { appendEvents, distribution, plantInReadModel, voidOf, oneKitLedger } from "@relief-ledger/projections/testing";
import { tempDirForFile } from "@relief-ledger/event-store/testing";
import { describe, expect, it } from "vitest";
import { ProjectorConfigSchema } from "./config.js";
import { startProjector } from "./service.js";

const dir = tempDirForFile("ledger-projector").path;

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe("the projector service", () => {
  it("follows the log live and reports its lag on /health and /metrics", async () => {
    const store = openSqliteEventStore({ file: join(dir, "events.db") });
    await appendEvents(store, oneKitLedger());
    const config = ProjectorConfigSchema.parse({ LEDGER_DATA_DIR: dir, LEDGER_PROJECTOR_PORT: "0" });
    const projector = await startProjector(config);
    try {
      await projector.live;
      const head = String(await store.headPosition());
      expect((await projector.app.inject("/health")).json()).toMatchObject({
        service: "projector",
        status: "ok",
        checkpoint: head,
        head,
        lagEvents: "0",
      });

      await appendEvents(store, [distribution({ id: 2, cboId: "sangama-blr", on: "2021-05-02", people: [2] })]);
      const health = async () => (await projector.app.inject("/health")).json();
      const newHead = String(await store.headPosition());
      await until(async () => (await health()).checkpoint === newHead);
      expect(await health()).toMatchObject({ checkpoint: newHead, lagEvents: "0" });

      const metrics = (await projector.app.inject("/metrics")).body;
      expect(metrics).toContain("ledger_projector_projected_events 3");
      expect(metrics).toContain("ledger_projector_lag_events 0");
      expect(metrics).toMatch(/ledger_projector_batches_total [1-9]/);
    } finally {
      await projector.close();
      await store.close();
    }
  });

  it("stops projecting, says why in its log and turns /health red, instead of publishing wrong totals", async () => {
    const dataDir = join(dir, "planted");
    mkdirSync(dataDir);
    const store = openSqliteEventStore({ file: join(dataDir, "events.db") });
    await appendEvents(store, oneKitLedger());
    const config = ProjectorConfigSchema.parse({ LEDGER_DATA_DIR: dataDir, LEDGER_PROJECTOR_PORT: "0" });
    let logs = "";
    const stream = new Writable({ write: (chunk, _, done) => ((logs += chunk.toString()), done()) });
    const projector = await startProjector(config, { logger: { ...(loggerOptions("projector") as object), stream } });
    try {
      await projector.live;
      const checkpoint = String(await store.headPosition());
      // A hand edit (or a bug) leaves a total lower than the distributions it counts.
      plantInReadModel(
        config.readModelFile,
        "UPDATE cbo_overall SET value_paise = 0, attributed_paise = 0, unfunded_paise = 0",
      );

      await appendEvents(store, [voidOf(1, "sangama-blr")]);
      const health = async () => (await projector.app.inject("/health")).json();
      await until(async () => (await health()).ok === false);
      expect(await health()).toMatchObject({ ok: false, checkpoint, error: "projection failed; see the log" });
      expect(logs).toContain(
        "invariant broken: cbo_overall: attributed, scheme and unfunded money are never below zero",
      );
      const reader = openReadModel(config.readModelFile);
      expect(reader.prepare("SELECT value_paise FROM cbo_overall").pluck().all()).toEqual([0]);
      reader.close();
    } finally {
      await projector.close();
      await store.close();
    }
  });
});

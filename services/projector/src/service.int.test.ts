import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { appendEvents, cbo, distribution } from "@relief-ledger/projections/testing";
import { afterAll, describe, expect, it } from "vitest";
import { ProjectorConfigSchema } from "./config.js";
import { startProjector } from "./service.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-projector-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe("the projector service", () => {
  it("follows the log live and reports its lag on /health and /metrics", async () => {
    const store = openSqliteEventStore({ file: join(dir, "events.db") });
    await appendEvents(store, [
      cbo("sangama-blr"),
      distribution({ id: 1, cboId: "sangama-blr", on: "2021-05-01", people: [1] }),
    ]);
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
});

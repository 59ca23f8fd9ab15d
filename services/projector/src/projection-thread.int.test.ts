import { openProjector, openReadModel, readModelCheckpoint } from "@relief-ledger/projections";
import { appendEvents, cbo, distribution } from "@relief-ledger/projections/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ProjectorConfigSchema } from "./config.js";
import { startProjectionThread } from "./projection-thread.js";
import { projectedTo, projectorHarness } from "./testing/harness.testkit.js";

let harness: ReturnType<typeof projectorHarness>;
afterEach(() => harness.close());

describe("the projection thread", () => {
  it("stopped with no grace in the middle of a batch, loses only that batch: a restart ends where a clean run does", async () => {
    harness = projectorHarness("ledger-projection-stop");
    await appendEvents(harness.store, [
      cbo("sangama-blr"),
      ...Array.from({ length: 50 }, (_, i) =>
        distribution({ id: i + 1, cboId: "sangama-blr", on: "2021-05-01", people: [1 + (i % 7)] }),
      ),
    ]);
    await harness.appendOpaque(30_000, 5_000);
    const total = 30_051;
    const settings = { LEDGER_DATA_DIR: harness.dir.path, LEDGER_PROJECTOR_BATCH: "10000" };
    const thread = startProjectionThread(ProjectorConfigSchema.parse(settings), { onBatch: () => undefined });
    await thread.opened;
    await expect.poll(() => thread.batchInProgress(), { interval: 1, timeout: 20_000 }).toBe(true);
    const file = harness.dir.file("read-models.db");
    const reader = openReadModel(file);
    const before = readModelCheckpoint(reader);
    await thread.stop(0); // terminated at once: the open transaction never commits
    await expect(thread.done).resolves.toBeUndefined();
    // A stop that waited for the batch would have moved the checkpoint past it.
    expect(readModelCheckpoint(reader)).toBe(before);
    expect(reader.pragma("integrity_check", { simple: true })).toBe("ok");
    reader.close();

    const projector = await harness.start();
    await projector.live;
    await projectedTo(projector, total);
    await projector.close();
    const resumed = openProjector({ store: harness.store, file });
    const clean = openProjector({ store: harness.store, file: harness.dir.file("clean.db") });
    await clean.runOnce();
    expect(resumed.digest()).toBe(clean.digest());
    await resumed.close();
    await clean.close();
  });

  it("counts the lag itself after its batches and shares it: down to 0 once caught up", async () => {
    harness = projectorHarness("ledger-projection-lag");
    await harness.appendOpaque(3_000);
    const settings = { LEDGER_DATA_DIR: harness.dir.path, LEDGER_PROJECTOR_BATCH: "100" };
    const thread = startProjectionThread(ProjectorConfigSchema.parse(settings), { onBatch: () => undefined });
    const seen = new Set<number | undefined>();
    let live = false;
    void thread.live.then(() => (live = true));
    await thread.opened;
    while (!live) {
      seen.add(thread.lagEvents());
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // Counted while catching up (somewhere between none and all 3,000 done), and 0 at the end.
    expect([...seen].some((lag) => lag !== undefined && lag > 0 && lag <= 3_000)).toBe(true);
    await expect.poll(() => thread.lagEvents(), { timeout: 10_000 }).toBe(0);
    await thread.stop();
  });
});

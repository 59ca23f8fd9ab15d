import Database from "better-sqlite3";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { bulkLedger } from "../testing/bulk.testkit.js";
import { appendEvents } from "../testing/ledger.testkit.js";
import { spawnTs, tempDir } from "@relief-ledger/event-store/testing";
import { openProjector } from "./projector.js";

const KILLS = 24;
const BATCH = 5;
const dir = tempDir("ledger-projector-crash");
const storeFile = dir.file("events.db");
const modelFile = dir.file("model.db");
afterAll(() => dir.remove());

/** Runs the projector in a child; kills it with SIGKILL after `batches` commits, or lets it finish. */
async function run(batches: number | "finish"): Promise<"killed" | "done"> {
  const child = spawnTs(new URL("./crash.child.ts", import.meta.url), [storeFile, modelFile, String(BATCH)]);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("exit", (code, signal) => resolve([code, signal])),
  );
  let seen = 0;
  let killAt: NodeJS.Timeout | undefined;
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line === "done") break;
    if (batches === "finish") continue;
    if (killAt !== undefined) {
      // Another commit came before the timer: kill now, so that a run never gets more than one
      // batch past its target however fast the projector is, and the history outlasts every kill.
      clearTimeout(killAt);
      child.kill("SIGKILL");
      break;
    }
    if (++seen >= batches) {
      // A little later than the commit just printed: the next batch is somewhere mid-flight.
      killAt = setTimeout(() => child.kill("SIGKILL"), Math.random() * 15);
    }
  }
  const [code, signal] = await exited;
  if (signal === "SIGKILL") return "killed";
  if (code !== 0) throw new Error(`projector child failed (${code}): ${stderr}`);
  return "done";
}

const inspect = () => {
  const db = new Database(modelFile, { readonly: true });
  try {
    const lastStepped = db.prepare<[], string>("SELECT position FROM step_log ORDER BY seq DESC LIMIT 1").pluck();
    return {
      integrity: db.pragma("integrity_check", { simple: true }),
      checkpoint: BigInt(db.prepare<[], string>("SELECT position FROM checkpoint").pluck().get() ?? "0"),
      // The step logs each position once (UNIQUE), in order: its last one is the checkpoint when
      // the step's writes commit with it.
      stepped: BigInt(lastStepped.get() ?? "0"),
    };
  } finally {
    db.close();
  }
};

describe("the projector under kill -9", () => {
  it(`ends with the read model a clean rebuild gives, across ${KILLS} kills`, { timeout: 300_000 }, async () => {
    const store = openSqliteEventStore({ file: storeFile });
    // ~4,100 events: 24 runs of at most 26 batches of 5 project at most 3,120 of them, so about a
    // quarter are still unprojected after the last kill.
    for (const unit of bulkLedger(200)) await appendEvents(store, unit);
    const head = await store.headPosition();
    expect(await store.countEventsAfter(0n, 1_000_000)).toBeGreaterThan(KILLS * 26 * BATCH);

    let kills = 0;
    let last = 0n;
    while (kills < KILLS) {
      if ((await run(1 + Math.floor(Math.random() * 25))) === "done") break;
      kills += 1;
      const { integrity, checkpoint, stepped } = inspect();
      expect(integrity).toBe("ok");
      expect(stepped, "the batch step's writes commit with the checkpoint").toBe(checkpoint);
      expect(checkpoint).toBeGreaterThanOrEqual(last);
      last = checkpoint;
    }
    expect(kills).toBe(KILLS);
    expect(last).toBeLessThan(head);
    expect(await run("finish")).toBe("done");
    expect(inspect().stepped).toBe(head);

    const clean = openProjector({ store, file: dir.file("clean.db"), batchSize: 1_000 });
    await clean.runOnce();
    const recovered = openProjector({ store, file: modelFile });
    expect(recovered.checkpoint()).toBe(head);
    expect(recovered.digests()).toEqual(clean.digests());
    await Promise.all([clean.close(), recovered.close()]);
    await store.close();
  });
});

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openMerkleIndex } from "@relief-ledger/audit";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { openProjector } from "@relief-ledger/projections";
import { appendEvents, oneKitLedger } from "@relief-ledger/projections/testing";
import { tempDirForFile } from "@relief-ledger/event-store/testing";
import { describe, expect, it } from "vitest";
import { run } from "../run.js";

const dir = tempDirForFile("ledger-cli-rebuild").path;

const capture = () => {
  let text = "";
  return { write: (chunk: string) => (text += chunk), text: () => text };
};

describe("ledger projections rebuild", () => {
  it("rebuilds the read models from position 0 to the digest the live projector reached", async () => {
    const store = openSqliteEventStore({ file: join(dir, "events.db") });
    await appendEvents(store, oneKitLedger());
    const projector = openProjector({ store, file: join(dir, "read-models.db"), batchSize: 1 });
    await projector.runOnce();
    const live = projector.digest();
    const head = await store.headPosition();
    await projector.close();
    await store.close();

    const stdout = capture();
    const code = await run(["projections", "rebuild", "flags"], {
      stdout,
      stderr: capture(),
      env: { LEDGER_DATA_DIR: dir },
    });
    expect(code).toBe(0);
    expect(stdout.text()).toContain(`to position ${head}`);
    expect(stdout.text()).toContain(`digest ${live}`);
    const rebuilt = new Database(join(dir, "read-models.db"), { readonly: true });
    try {
      expect(openMerkleIndex(rebuilt, { readonly: true }).size(), "the Merkle index is rebuilt with the models").toBe(
        2,
      );
    } finally {
      rebuilt.close();
    }
  });

  it("on a terminal draws a progress bar with the rate and the time left", async () => {
    const stderr = { ...capture(), isTTY: true };
    const code = await run(["projections", "rebuild"], { stdout: capture(), stderr, env: { LEDGER_DATA_DIR: dir } });
    expect(code).toBe(0);
    expect(stderr.text()).toMatch(/rebuilding the read models \[.*\] 100% \| 2\/2 events \| [\d,]+ events\/s \| ETA/);
  });

  it("refuses a projection name that does not exist, naming the real ones", async () => {
    const stderr = capture();
    expect(
      await run(["projections", "rebuild", "flagz"], { stdout: capture(), stderr, env: { LEDGER_DATA_DIR: dir } }),
    ).toBe(2);
    expect(stderr.text()).toMatch(/no projection named flagz; there are: .*flags/);
  });

  it("refuses a store that does not exist rather than rebuilding an empty model over the live one", async () => {
    const stderr = capture();
    const live = join(dir, "read-models.db");
    const before = readFileSync(live);
    const missing = join(dir, "mistyped", "events.db");
    const code = await run(["projections", "rebuild", "--store", `sqlite:${missing}`, "--file", live], {
      stdout: capture(),
      stderr,
      env: {},
    });
    expect(code).toBe(2);
    expect(stderr.text()).toContain(`no event store at ${missing}`);
    expect(existsSync(missing)).toBe(false);
    expect(readFileSync(live).equals(before)).toBe(true);
  });
});

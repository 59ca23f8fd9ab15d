import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { addToApiKeysFile, createApiKey } from "@relief-ledger/http";
import { afterAll, describe, expect, it } from "vitest";
import { CBO, distribution, uuid } from "./testing/harness.testkit.js";

const KILLS = 8;
const PORT = 4190 + Math.floor(Math.random() * 100);
const base = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), "ledger-ingest-crash-"));
const keysFile = join(dir, "keys.json");
const admin = createApiKey({ role: "admin" });
const cbo = createApiKey({ role: "cbo", cboId: CBO });
addToApiKeysFile(keysFile, admin.record);
addToApiKeysFile(keysFile, cbo.record);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startIngest(dataDir = dir, env: Record<string, string> = {}): ChildProcess {
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  return spawn(process.execPath, ["--conditions=@relief-ledger/source", "--import", "tsx", main], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: {
      ...process.env,
      ...env,
      LEDGER_DATA_DIR: dataDir,
      LEDGER_API_KEYS_FILE: keysFile,
      LEDGER_INGEST_PORT: String(PORT),
      LEDGER_PSEUDONYM_KEY: "cd".repeat(32),
      LEDGER_LOG_LEVEL: "error",
      // The retries below resend every acknowledged submission from one key within a minute; on
      // a fast machine that is more than the default per-key limit (600), and a 429 is not a loss.
      LEDGER_RATE_LIMIT_PER_MINUTE: "1000000",
    },
    stdio: "ignore",
  });
}

async function untilHealthy(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("ingest did not start");
}

const post = (token: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const submission = (n: number) => ({
  submissionId: uuid(n, "0190f5a2-cccc-7000-8000"),
  cboId: CBO,
  distributions: Array.from({ length: 50 }, (_, i) => distribution(n * 100 + i)),
});

describe("ingest killed with SIGKILL mid-stream", () => {
  it(`loses no acknowledged submission across ${KILLS} kills`, { timeout: 180_000 }, async () => {
    const acknowledged: number[] = [];
    let next = 1;
    for (let run = 0; run < KILLS; run++) {
      const child = startIngest();
      await untilHealthy();
      if (run === 0)
        expect(
          (await post(admin.token, "/v1/cbos", { cboId: CBO, name: "A", state: "IN-KA", district: "Mysuru" })).status,
        ).toBe(201);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // Submit until the process dies; only a 201 counts as acknowledged. The kill comes at a
      // random moment after the first acknowledgement, so every run has something to lose.
      let killScheduled = false;
      for (;;) {
        const n = next++;
        const response = await post(cbo.token, "/v1/submissions", submission(n)).catch(() => undefined);
        if (!response) break;
        if (response.status === 201) acknowledged.push(n);
        if (!killScheduled) {
          killScheduled = true;
          setTimeout(() => child.kill("SIGKILL"), 50 + Math.random() * 400);
        }
      }
      await exited;
    }
    const child = startIngest();
    await untilHealthy();
    try {
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS);
      for (const n of acknowledged) {
        const retry = await post(cbo.token, "/v1/submissions", submission(n));
        expect(retry.status).toBe(201);
        expect(await retry.json()).toMatchObject({ replayed: true, count: 50 });
      }
      // The write index came back too: an acknowledged distributionId is refused in a new submission.
      const reuse = await post(cbo.token, "/v1/submissions", {
        submissionId: uuid(99_999, "0190f5a2-cccc-7000-8000"),
        cboId: CBO,
        distributions: [distribution(acknowledged[0]! * 100)],
      });
      expect(reuse.status).toBe(409);
    } finally {
      // Wait for it: a stopping service writes its last-used notes beside the keys file.
      const stopped = new Promise((resolve) => child.once("exit", resolve));
      if (child.exitCode === null && child.kill("SIGTERM")) await stopped;
    }
  });
});

/** Where the write index's file stands, and the log's head, as a start after the kill finds them. */
async function positions(dataDir: string): Promise<{ written: bigint; head: bigint }> {
  const index = new Database(join(dataDir, "ingest-index.db"), { readonly: true });
  const store = openSqliteEventStore({ file: join(dataDir, "events.db"), readonly: true });
  try {
    const row = index.prepare<[], { position: string }>("SELECT position FROM checkpoint WHERE id = 1").get();
    return { written: BigInt(row?.position ?? 0), head: await store.headPosition() };
  } finally {
    index.close();
    await store.close();
  }
}

describe("ingest killed after acknowledging submissions its write index has not yet written", () => {
  it(
    "loses none of them, and still refuses their distributions in a new submission",
    { timeout: 120_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "ledger-ingest-unflushed-"));
      try {
        // No flush by the timer (an hour), and three submissions of 50 stay under the row threshold.
        let child = startIngest(dataDir, { LEDGER_WRITE_INDEX_FLUSH_MS: "3600000" });
        await untilHealthy();
        const cboBody = { cboId: CBO, name: "A", state: "IN-KA", district: "Mysuru" };
        expect((await post(admin.token, "/v1/cbos", cboBody)).status).toBe(201);
        const acknowledged = [1, 2, 3];
        for (const n of acknowledged)
          expect((await post(cbo.token, "/v1/submissions", submission(n))).status).toBe(201);
        const killed = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        await killed;
        // The kill landed between the acknowledgements and the write: the file is behind the log.
        const { written, head } = await positions(dataDir);
        expect(written).toBeLessThan(head);

        child = startIngest(dataDir);
        await untilHealthy();
        try {
          for (const n of acknowledged) {
            const retry = await post(cbo.token, "/v1/submissions", submission(n));
            expect(retry.status).toBe(201);
            expect(await retry.json()).toMatchObject({ replayed: true, count: 50 });
          }
          for (const n of acknowledged) {
            const reuse = await post(cbo.token, "/v1/submissions", {
              submissionId: uuid(90_000 + n, "0190f5a2-cccc-7000-8000"),
              cboId: CBO,
              distributions: [distribution(n * 100 + 49)],
            });
            expect(reuse.status).toBe(409);
          }
          expect((await positions(dataDir)).head).toBe(head);
        } finally {
          const stopped = new Promise((resolve) => child.once("exit", resolve));
          if (child.exitCode === null && child.kill("SIGTERM")) await stopped;
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});

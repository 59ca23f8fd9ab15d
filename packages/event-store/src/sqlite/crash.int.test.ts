import Database from "better-sqlite3";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { spawnTs } from "../testing/spawn-ts.testkit.js";
import { tempDir } from "../testing/temp-dir.testkit.js";
import { openSqliteEventStore } from "./sqlite-event-store.js";

const KILLS = 24;
const BATCH = 5;
const dir = tempDir("ledger-crash");
const file = dir.file("events.db");
afterAll(() => dir.remove());

interface Ack {
  firstPosition: number;
  stream: string;
  ids: string[];
}

/** Runs the appender, kills it with SIGKILL once it has acknowledged `acksBeforeKill` batches. */
async function runAndKill(runId: number, acksBeforeKill: number): Promise<Ack[]> {
  const child = spawnTs(new URL("./crash.child.ts", import.meta.url), [file, String(runId), String(BATCH)]);
  const acks: Ack[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_, signal) => resolve(signal)));
  for await (const line of createInterface({ input: child.stdout! })) {
    const [position, stream, ids] = line.split(" ");
    acks.push({ firstPosition: Number(position), stream: stream!, ids: ids!.split(",") });
    if (acks.length >= acksBeforeKill) {
      child.kill("SIGKILL");
      break;
    }
  }
  const signal = await exited;
  if (signal !== "SIGKILL") throw new Error(`appender ended by itself (${signal}): ${stderr}`);
  return acks;
}

describe("sqlite adapter under kill -9", () => {
  it(
    `keeps every acknowledged append and no half-written batch across ${KILLS} kills`,
    { timeout: 240_000 },
    async () => {
      const acknowledged: Ack[] = [];
      for (let run = 0; run < KILLS; run++) {
        // Kill at varied points: right after the first ack, or dozens of batches in.
        acknowledged.push(...(await runAndKill(run, 1 + Math.floor(Math.random() * 60))));

        const db = new Database(file);
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        const rows = db.prepare("SELECT position, stream, revision, event_id FROM events ORDER BY position").all() as {
          position: number;
          stream: string;
          revision: number;
          event_id: string;
        }[];
        db.close();

        expect(rows.map((row) => row.position)).toEqual(rows.map((_, i) => i + 1));
        const byId = new Map(rows.map((row) => [row.event_id, row]));
        for (const ack of acknowledged) {
          ack.ids.forEach((id, i) =>
            expect(byId.get(id), `acknowledged ${ack.stream}`).toMatchObject({
              stream: ack.stream,
              revision: i,
              position: ack.firstPosition + i,
            }),
          );
        }
        const perStream = new Map<string, number>();
        for (const row of rows) perStream.set(row.stream, (perStream.get(row.stream) ?? 0) + 1);
        for (const [stream, count] of perStream) expect(count, `batch ${stream} is whole`).toBe(BATCH);

        const reopened = openSqliteEventStore({ file });
        expect(await reopened.headPosition()).toBe(BigInt(rows.length));
        await reopened.close();
      }
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS);
    },
  );
});

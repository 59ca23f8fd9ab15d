import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readConfig } from "@relief-ledger/http";
import { tempDir } from "@relief-ledger/event-store/testing";
import { describe, expect, it } from "vitest";
import { QueryConfigSchema } from "./config.js";

const read = (env: Record<string, string>) => readConfig(QueryConfigSchema, env);

describe("LEDGER_REPLAY_HEAP_MIB, the cap on a replay process's heap", () => {
  it("is 1024 MiB unless set, and takes a whole number of MiB from 64 to 16384", () => {
    expect(read({}).replayHeapMiB).toBe(1024);
    expect(read({ LEDGER_REPLAY_HEAP_MIB: "64" }).replayHeapMiB).toBe(64);
    expect(read({ LEDGER_REPLAY_HEAP_MIB: "16384" }).replayHeapMiB).toBe(16_384);
  });

  it.each(["0", "63", "16385", "1.5", "-512", "lots", ""])("refuses %j, naming the setting", (value) => {
    expect(() => read({ LEDGER_REPLAY_HEAP_MIB: value })).toThrow(
      /^invalid configuration:\n {2}LEDGER_REPLAY_HEAP_MIB: /,
    );
  });

  it("stops the query service at start, naming the setting, before it listens or writes anything", () => {
    const dir = tempDir("query-config");
    try {
      const main = fileURLToPath(new URL("./main.ts", import.meta.url));
      const started = spawnSync(process.execPath, ["--conditions=@relief-ledger/source", "--import", "tsx", main], {
        cwd: fileURLToPath(new URL("..", import.meta.url)),
        env: { PATH: process.env.PATH, LEDGER_DATA_DIR: dir.path, LEDGER_QUERY_PORT: "0", LEDGER_REPLAY_HEAP_MIB: "8" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(started.status, started.stderr).toBe(1);
      expect(started.stderr).toMatch(/LEDGER_REPLAY_HEAP_MIB: Too small/);
      expect(started.stdout).toBe("");
      expect(readdirSync(dir.path)).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});

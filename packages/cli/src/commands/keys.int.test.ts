import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { authenticate, readApiKeysFile } from "@relief-ledger/http";
import { finished, tempDir } from "@relief-ledger/event-store/testing";
import { afterAll, describe, expect, it } from "vitest";

const dir = tempDir("ledger-keys-race");
afterAll(() => dir.remove());

const child = fileURLToPath(new URL("../testing/at-once.child.ts", import.meta.url));

/** `ledger …` commands as processes of their own, loaded first and then released at one instant. */
async function ledgerAtOnce(commands: string[][]) {
  const children = commands.map((args) =>
    spawn(process.execPath, ["--conditions=@relief-ledger/source", "--import", "tsx", child, ...args], {
      stdio: ["pipe", "pipe", "pipe"],
    }),
  );
  const results = children.map(finished);
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve, reject) => {
          c.once("exit", () => reject(new Error("a ledger process ended before it was ready")));
          c.stderr.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
        }),
    ),
  );
  for (const c of children) c.stdin.end("go\n");
  return (await Promise.all(results)).map((r) => ({ ...r, stderr: r.stderr.replace("ready\n", "") }));
}

describe("ledger keys create, twelve at once", () => {
  it(
    "keeps every key whose token it printed: twelve processes, twelve keys, each token accepted",
    { timeout: 180_000 },
    async () => {
      const file = dir.file("api-keys.json");
      const runs = await ledgerAtOnce(
        Array.from({ length: 12 }, (_, i) => [
          "keys",
          "create",
          "--role",
          "auditor",
          "--label",
          `run ${i}`,
          "--file",
          file,
        ]),
      );
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const tokens = runs.map((run) => run.stdout.match(/^rlk_\S+$/m)?.[0] ?? "");
      expect(new Set(tokens).size).toBe(12);
      const keys = readApiKeysFile(file);
      expect(keys.size).toBe(12);
      for (const token of tokens) expect(authenticate(token, keys)?.role).toBe("auditor");
      expect(readFileSync(file, "utf8")).not.toMatch(/rlk_/);
    },
  );
});

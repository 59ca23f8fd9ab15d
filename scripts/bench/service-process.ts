import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serviceCommand } from "../demo/services.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Spawns a built service as `pnpm start` does (serviceCommand) as its own process, without waiting for it. */
export function spawnService(name: string, env: Record<string, string>): ChildProcess {
  // LEDGER_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the service under load.
  const nodeArgs = process.env.LEDGER_BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  return spawn(process.execPath, [...nodeArgs, ...serviceCommand(name)], {
    cwd: repoRoot,
    env: { ...process.env, LEDGER_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Starts a built service as its own process and waits for it to listen. */
export async function startService(name: string, env: Record<string, string>, url: string): Promise<ChildProcess> {
  const child = spawnService(name, env);
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not start`);
}

function statusMiB(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

/** Peak resident memory of a process so far, in MiB (Linux VmHWM). */
export const peakRssMiB = (pid: number): number => statusMiB(pid, "VmHWM");

/** Resident memory of a process now, in MiB (Linux VmRSS). */
export const rssMiB = (pid: number): number => statusMiB(pid, "VmRSS");

export async function stopService(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

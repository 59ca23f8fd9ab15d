import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serviceCommand } from "../demo/services.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Spawns a built service as `pnpm start` does (serviceCommand) as its own process, without waiting for it. */
export function spawnService(name: string, env: Record<string, string>): ChildProcess {
  // LEDGER_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the service under load.
  const nodeArgs = process.env.LEDGER_BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  // After the service's own flags, so that a run can override one of them (V8 takes the last).
  const command = serviceCommand(name);
  return spawn(process.execPath, [...command.slice(0, -1), ...nodeArgs, ...command.slice(-1)], {
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

/**
 * CPU seconds a process has used so far, user and system (Linux /proc/<pid>/stat, in clock ticks of
 * 10 ms): a cost a loaded machine stretches far less than wall-clock time.
 */
export function cpuSeconds(pid: number): number {
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return (utime + stime) / 100;
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

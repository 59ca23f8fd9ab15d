import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { REPO_ROOT } from "../ci/repository-files.js";

/**
 * What `pnpm deploy --prod` in the image's build stage produces for one workspace package: its
 * build output and production dependencies only, in `dir`. The workspace must be built.
 */
export function deployProduction(workspacePath: string, dir: string): void {
  execFileSync(
    "npx",
    ["--yes", "pnpm@10", "--filter", `./${workspacePath}`, "deploy", "--prod", "--legacy", "--prefer-offline", dir],
    { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
}

/** Starts an image's command as a plain process, with only the environment given (and PATH). */
export function startCommand(command: string[], cwd: string, env: Record<string, string>): ChildProcess {
  const [program, ...args] = command;
  return spawn(program!, args, {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
}

/** Runs a HEALTHCHECK's command the way the container runtime would; its exit code. */
export function runHealthcheck(command: string[], cwd: string, env: Record<string, string>): number | null {
  const [program, ...args] = command;
  return spawnSync(program!, args, { cwd, env: { PATH: process.env.PATH ?? "", ...env }, timeout: 10_000 }).status;
}

export async function waitForHealth(url: string, child: ChildProcess, name: string): Promise<void> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not answer ${url}/health: ${stderr}`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

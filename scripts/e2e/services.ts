import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The settings every service of an end-to-end run shares: its data directory and keys file, a
 * fixed demo pseudonym key, and ports counted from `base` (ingest, query, projector, web).
 */
export const servicesEnv = (dir: string, keysFile: string, base: number) => ({
  LEDGER_DATA_DIR: join(dir, "data"),
  LEDGER_API_KEYS_FILE: keysFile,
  LEDGER_PSEUDONYM_KEY: "5a".repeat(32),
  LEDGER_INGEST_PORT: String(base),
  LEDGER_QUERY_PORT: String(base + 1),
  LEDGER_PROJECTOR_PORT: String(base + 2),
  LEDGER_WEB_PORT: String(base + 3),
});

export interface RunningService {
  name: string;
  url: string;
  process: ChildProcess;
}

/** Starts a service from its sources as a real process on a real port, and waits for /health. */
export async function startServiceFromSource(
  name: string,
  port: number,
  env: Record<string, string>,
): Promise<RunningService> {
  const child = spawn(
    process.execPath,
    ["--conditions=@relief-ledger/source", "--import", "tsx", `services/${name}/src/main.ts`],
    {
      cwd: repoRoot,
      env: { ...process.env, LEDGER_LOG_LEVEL: "error", ...env },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { name, url, process: child };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`${name} did not become healthy on ${url}`);
}

export async function stopService(service: RunningService): Promise<void> {
  if (service.process.exitCode !== null) return;
  const exited = new Promise((resolve) => service.process.once("exit", resolve));
  service.process.kill("SIGTERM");
  await exited;
}

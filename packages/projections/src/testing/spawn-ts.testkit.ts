import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Starts a TypeScript file of this package as a real Node process, resolving workspace sources. */
export function spawnTs(scriptUrl: URL, args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    ["--conditions=@relief-ledger/source", "--import", "tsx", fileURLToPath(scriptUrl), ...args],
    { cwd: packageRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
}

/** Collects a child's output and resolves with its exit code once it has ended. */
export function finished(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

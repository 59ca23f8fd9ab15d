import { spawn, type ChildProcess } from "node:child_process";
import { INGEST_NODE_ARGS } from "@relief-ledger/ingest/node-args";

export interface Service {
  name: string;
  port: string;
}

export interface RunningServices {
  /** Resolves once every service answers /health; stops them all if one does not. */
  ready: Promise<void>;
  /** Stops every service started so far with SIGTERM, waits for each to exit, then exits with `code`. */
  stop(code: number): Promise<never>;
}

/** How a service runs from its build: its own Node flags (only ingest has any), then its main. */
export const serviceCommand = (name: string): string[] => [
  ...(name === "ingest" ? INGEST_NODE_ARGS : []),
  `services/${name}/dist/main.js`,
];

async function healthy(url: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing answered at ${url}/health`);
}

/**
 * Starts each service from its build as a process of its own, one after the other once the previous
 * answers /health. `stop` works from the first moment, so a Ctrl-C during start-up leaves no service
 * behind; if one stops on its own, the others are stopped too: half a ledger is no demo.
 */
export function startServices(
  services: readonly Service[],
  env: NodeJS.ProcessEnv,
  url: (port: string) => string,
): RunningServices {
  const children: ChildProcess[] = [];
  let stopping: Promise<never> | undefined;
  // Once only: a second call (a load failing because its services are going) waits for the first.
  const stop = (code: number): Promise<never> =>
    (stopping ??= (async () => {
      const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
      await Promise.all(running.map((c) => new Promise((r) => (c.once("exit", r), c.kill("SIGTERM")))));
      console.log("stopped cleanly");
      process.exit(code);
    })());
  const ready = (async () => {
    for (const { name, port } of services) {
      if (stopping) return;
      const child = spawn(process.execPath, serviceCommand(name), {
        env,
        stdio: ["ignore", "inherit", "inherit"],
      });
      child.once("exit", (code, signal) => {
        if (stopping) return;
        console.error(`${name} stopped (${signal ?? code}); stopping the others`);
        void stop(1);
      });
      children.push(child);
      await healthy(url(port)).catch((error: unknown) => {
        console.error(`${name} did not start: ${(error as Error).message}`);
        return stop(1);
      });
    }
  })();
  return { ready, stop };
}

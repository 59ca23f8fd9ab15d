import type { z } from "zod";
import { readConfig } from "./config.js";

/**
 * Whether the service on this machine answers its /health on `port` within `timeoutMs`. The images'
 * HEALTHCHECK runs each service's `dist/health.js`, which asks it with the port the service's own
 * configuration gives: the probe follows a changed port, and no image says a default port again.
 */
export async function answersHealth(port: number, timeoutMs = 5_000): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(timeoutMs) }).then(
    (response) => response.ok,
    () => false,
  );
}

/**
 * The whole of a service's `dist/health.js`: reads its configuration from the environment, as the
 * service does, and exits 0 while the service answers /health on that port, 1 otherwise (a
 * configuration the service would refuse fails the probe too).
 */
export async function probeHealth(schema: z.ZodType<{ port: number }>): Promise<void> {
  process.exitCode = (await answersHealth(readConfig(schema).port)) ? 0 : 1;
}

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

import type { HttpServer } from "./server.js";

/** A service listening on a port, and how to stop it. */
export interface RunningService {
  app: HttpServer;
  address: string;
  close(): Promise<void>;
}

/**
 * Listens, and returns a close that stops the server first — so no request arrives at a closed
 * store or database — then releases what the service opened, in the order given.
 */
export async function listenService(
  app: HttpServer,
  where: { host: string; port: number },
  release: ReadonlyArray<() => unknown>,
): Promise<RunningService> {
  const address = await app.listen({ host: where.host, port: where.port });
  return {
    app,
    address,
    async close() {
      await app.close();
      for (const step of release) await step();
    },
  };
}

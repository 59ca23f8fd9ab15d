import { openEventStore } from "@relief-ledger/event-store";
import { createHttpServer, staticKeyring, type HttpServer } from "@relief-ledger/http";
import { openProjector, type Projector } from "@relief-ledger/projections";
import { Registry } from "prom-client";
import type { ProjectorConfig } from "./config.js";
import { lagOf, projectorMetrics } from "./metrics.js";

export const VERSION = "0.1.0";

export interface RunningProjector {
  app: HttpServer;
  address: string;
  /** Resolves once the read models have caught up with the log. */
  live: Promise<void>;
  close(): Promise<void>;
}

/** Projects the global log into the read models, live, and serves /health and /metrics about it. */
export async function startProjector(config: ProjectorConfig): Promise<RunningProjector> {
  const store = openEventStore(config.store);
  const registry = new Registry();
  let failure: unknown;
  const metrics = projectorMetrics(registry, {
    head: () => store.headPosition(),
    checkpoint: () => projector.checkpoint(),
  });
  const projector: Projector = openProjector({
    store,
    file: config.readModelFile,
    batchSize: config.batchSize,
    onBatch: () => metrics.batches.inc(),
  });
  const running = projector.start();
  running.done.catch((error: unknown) => (failure = error));

  const app = await createHttpServer({
    service: "projector",
    version: VERSION,
    description: "Projects the ledger's global log into the read models.",
    keyring: staticKeyring([]),
    registry,
    health: async () => {
      const head = await store.headPosition();
      const checkpoint = projector.checkpoint();
      return {
        ok: failure === undefined,
        checkpoint: checkpoint.toString(),
        head: head.toString(),
        lagEvents: lagOf(head, checkpoint).toString(),
        ...(failure === undefined ? {} : { error: "projection failed; see the log" }),
      };
    },
  });
  running.done.catch((error: unknown) => app.log.error({ err: error }, "projection failed"));
  const address = await app.listen({ host: config.host, port: config.port });
  return {
    app,
    address,
    live: running.live,
    async close() {
      await app.close();
      await projector.close();
      await store.close();
    },
  };
}

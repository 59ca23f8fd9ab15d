import { fileKeyring, type HttpServer } from "@relief-ledger/http";
import { buildQueryApp } from "./app.js";
import { lazyLogStore } from "./audit/log-store.js";
import type { QueryConfig } from "./config.js";
import { followReadModel } from "./read-model.js";

export interface RunningQuery {
  app: HttpServer;
  address: string;
  close(): Promise<void>;
}

export async function startQuery(config: QueryConfig): Promise<RunningQuery> {
  const readModel = followReadModel(config.readModelFile);
  const logStore = lazyLogStore(config.store);
  const app = await buildQueryApp({
    readModel,
    logStore,
    keyring: fileKeyring(config.apiKeysFile),
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  const address = await app.listen({ host: config.host, port: config.port });
  return {
    app,
    address,
    async close() {
      await app.close();
      readModel.close();
      await logStore.close();
    },
  };
}

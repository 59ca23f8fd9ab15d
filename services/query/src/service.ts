import { fileKeyring, listenService, type RunningService } from "@relief-ledger/http";
import { buildQueryApp } from "./app.js";
import { openCosignatures } from "./audit/cosignatures.js";
import { lazyLogStore } from "./audit/log-store.js";
import type { QueryConfig } from "./config.js";
import { followReadModel } from "./read-model.js";

export type RunningQuery = RunningService;

export async function startQuery(config: QueryConfig): Promise<RunningQuery> {
  const readModel = followReadModel(config.readModelFile);
  const logStore = lazyLogStore(config.store);
  const cosignatures = openCosignatures(config.cosignaturesFile);
  const app = await buildQueryApp({
    readModel,
    logStore,
    cosignatures,
    keyring: fileKeyring(config.apiKeysFile),
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  return listenService(app, config, [() => readModel.close(), () => logStore.close(), () => cosignatures.close()]);
}

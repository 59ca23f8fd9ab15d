import { fileKeyring, listenService, type RunningService } from "@relief-ledger/http";
import { buildQueryApp } from "./app.js";
import { openCosignatures } from "./audit/cosignatures.js";
import { lazyLogStore } from "./audit/log-store.js";
import type { QueryConfig } from "./config.js";
import { followReadModel } from "./read-model.js";
import { openReplays } from "./replays/replays.js";

export type RunningQuery = RunningService;

export async function startQuery(config: QueryConfig): Promise<RunningQuery> {
  const readModel = followReadModel(config.readModelFile);
  const logStore = lazyLogStore(config.store);
  const cosignatures = openCosignatures(config.cosignaturesFile);
  const replays = openReplays({ dir: config.replaysDir, store: config.store, heapMiB: config.replayHeapMiB });
  const app = await buildQueryApp({
    readModel,
    logStore,
    cosignatures,
    replays,
    keyring: fileKeyring(config.apiKeysFile, { service: "query" }),
    rateLimitPerMinute: config.rateLimitPerMinute,
    publicCoalition: config.publicCoalition,
  });
  return listenService(app, config, [
    () => readModel.close(),
    () => logStore.close(),
    () => cosignatures.close(),
    () => replays.close(),
  ]);
}

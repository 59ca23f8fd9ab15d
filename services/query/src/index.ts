export { buildQueryApp, VERSION, type QueryAppOptions } from "./app.js";
export { QueryConfigSchema, type QueryConfig } from "./config.js";
export { startQuery, type RunningQuery } from "./service.js";
export { followReadModel, type ReadModel } from "./read-model.js";
export { lazyLogStore, type LogStore } from "./audit/log-store.js";
export { openCosignatures, type Cosignatures } from "./audit/cosignatures.js";
export { openReplays, REPLAY_FILES, type Replays, type ReplayStatus } from "./replays/replays.js";

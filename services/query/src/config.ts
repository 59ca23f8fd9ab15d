import { join } from "node:path";
import { BaseConfigSchema, baseSettings, DATA_FILES, portSetting } from "@relief-ledger/http";
import { z } from "zod";
import { REPLAY_HEAP_MIB } from "./replays/protocol.js";

/** Every setting of the query service, from LEDGER_* environment variables. */
export const QueryConfigSchema = BaseConfigSchema.extend({
  LEDGER_QUERY_PORT: portSetting(4002),
  LEDGER_READ_MODEL_FILE: z.string().optional(),
  LEDGER_API_KEYS_FILE: z.string().optional(),
  LEDGER_COSIGNATURES_FILE: z.string().optional(),
  LEDGER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  LEDGER_PUBLIC_COALITION: z.enum(["0", "1"]).default("0"),
  LEDGER_REPLAY_HEAP_MIB: z.coerce.number().int().min(64).max(16_384).default(REPLAY_HEAP_MIB),
}).transform((env) => ({
  // The store is opened read-only, for the events inside proof bundles.
  ...baseSettings(env, env.LEDGER_QUERY_PORT),
  readModelFile: env.LEDGER_READ_MODEL_FILE ?? join(env.LEDGER_DATA_DIR, DATA_FILES.readModels),
  apiKeysFile: env.LEDGER_API_KEYS_FILE ?? join(env.LEDGER_DATA_DIR, DATA_FILES.apiKeys),
  // Witnesses' cosignatures, posted back: the one file the query service writes.
  cosignaturesFile: env.LEDGER_COSIGNATURES_FILE ?? join(env.LEDGER_DATA_DIR, "cosignatures.db"),
  // Auditors' replays (report.json and CSVs), the last few kept: the other directory it writes.
  replaysDir: join(env.LEDGER_DATA_DIR, "replays"),
  // Each replay's thread: a V8 heap of its own, capped so a large log fails the replay, not the service.
  replayHeapMiB: env.LEDGER_REPLAY_HEAP_MIB,
  rateLimitPerMinute: env.LEDGER_RATE_LIMIT_PER_MINUTE,
  publicCoalition: env.LEDGER_PUBLIC_COALITION === "1",
}));

export type QueryConfig = z.output<typeof QueryConfigSchema>;

import { join } from "node:path";
import { BaseConfigSchema, baseSettings, DATA_FILES, flagSetting, portSetting } from "@relief-ledger/http";
import { z } from "zod";
import { DEFAULT_FLUSH_POLICY } from "./write-index/write-index.js";

/** Every setting of the ingest service, from LEDGER_* environment variables. */
export const IngestConfigSchema = BaseConfigSchema.extend({
  LEDGER_INGEST_PORT: portSetting(4001),
  LEDGER_API_KEYS_FILE: z.string().optional(),
  LEDGER_PSEUDONYM_KEY: z.string().optional(),
  LEDGER_PSEUDONYM_KEY_FILE: z.string().optional(),
  LEDGER_PSEUDONYM_KEY_ID: z.string().optional(),
  LEDGER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LEDGER_DEMO: flagSetting(),
  LEDGER_READ_MODEL_FILE: z.string().optional(),
  LEDGER_WRITE_INDEX_FLUSH_MS: z.coerce.number().int().nonnegative().default(DEFAULT_FLUSH_POLICY.afterMs),
}).transform((env) => ({
  ...baseSettings(env, env.LEDGER_INGEST_PORT),
  apiKeysFile: env.LEDGER_API_KEYS_FILE ?? join(env.LEDGER_DATA_DIR, DATA_FILES.apiKeys),
  writeIndexFile: join(env.LEDGER_DATA_DIR, "ingest-index.db"),
  writeIndexFlush: { ...DEFAULT_FLUSH_POLICY, afterMs: env.LEDGER_WRITE_INDEX_FLUSH_MS },
  /** The projector's read model, read only for the flags a CBO may note (decision 0035). */
  readModelFile: env.LEDGER_READ_MODEL_FILE ?? join(env.LEDGER_DATA_DIR, DATA_FILES.readModels),
  rateLimitPerMinute: env.LEDGER_RATE_LIMIT_PER_MINUTE,
  pseudonymKey: {
    key: env.LEDGER_PSEUDONYM_KEY,
    keyFile: env.LEDGER_PSEUDONYM_KEY_FILE,
    keyId: env.LEDGER_PSEUDONYM_KEY_ID,
    demo: env.LEDGER_DEMO,
    dataDir: env.LEDGER_DATA_DIR,
  },
}));

export type IngestConfig = z.output<typeof IngestConfigSchema>;

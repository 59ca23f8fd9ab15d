import { join } from "node:path";
import { z } from "zod";

/** Every setting of the query service, from LEDGER_* environment variables. */
export const QueryConfigSchema = z
  .object({
    LEDGER_HOST: z.string().default("127.0.0.1"),
    LEDGER_QUERY_PORT: z.coerce.number().int().min(0).max(65535).default(4002),
    LEDGER_DATA_DIR: z.string().default(".data"),
    LEDGER_STORE: z.string().optional(),
    LEDGER_READ_MODEL_FILE: z.string().optional(),
    LEDGER_API_KEYS_FILE: z.string().optional(),
    LEDGER_COSIGNATURES_FILE: z.string().optional(),
    LEDGER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  })
  .transform((env) => ({
    host: env.LEDGER_HOST,
    port: env.LEDGER_QUERY_PORT,
    // Read-only, for the events inside proof bundles.
    store: env.LEDGER_STORE ?? `sqlite:${join(env.LEDGER_DATA_DIR, "events.db")}`,
    readModelFile: env.LEDGER_READ_MODEL_FILE ?? join(env.LEDGER_DATA_DIR, "read-models.db"),
    apiKeysFile: env.LEDGER_API_KEYS_FILE ?? join(env.LEDGER_DATA_DIR, "api-keys.json"),
    // Witnesses' cosignatures, posted back: the one file the query service writes.
    cosignaturesFile: env.LEDGER_COSIGNATURES_FILE ?? join(env.LEDGER_DATA_DIR, "cosignatures.db"),
    rateLimitPerMinute: env.LEDGER_RATE_LIMIT_PER_MINUTE,
  }));

export type QueryConfig = z.output<typeof QueryConfigSchema>;

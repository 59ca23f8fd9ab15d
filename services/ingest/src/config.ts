import { join } from "node:path";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((value) => value === "1" || value === "true");

/** Every setting of the ingest service, from LEDGER_* environment variables. */
export const IngestConfigSchema = z
  .object({
    LEDGER_HOST: z.string().default("127.0.0.1"),
    LEDGER_INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
    LEDGER_DATA_DIR: z.string().default(".data"),
    LEDGER_STORE: z.string().optional(),
    LEDGER_API_KEYS_FILE: z.string().optional(),
    LEDGER_PSEUDONYM_KEY: z.string().optional(),
    LEDGER_PSEUDONYM_KEY_FILE: z.string().optional(),
    LEDGER_PSEUDONYM_KEY_ID: z.string().optional(),
    LEDGER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    LEDGER_DEMO: flag,
  })
  .transform((env) => ({
    host: env.LEDGER_HOST,
    port: env.LEDGER_INGEST_PORT,
    dataDir: env.LEDGER_DATA_DIR,
    store: env.LEDGER_STORE ?? `sqlite:${join(env.LEDGER_DATA_DIR, "events.db")}`,
    apiKeysFile: env.LEDGER_API_KEYS_FILE ?? join(env.LEDGER_DATA_DIR, "api-keys.json"),
    writeIndexFile: join(env.LEDGER_DATA_DIR, "ingest-index.db"),
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

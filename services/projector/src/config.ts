import { join } from "node:path";
import { z } from "zod";

/** Every setting of the projector, from LEDGER_* environment variables. */
export const ProjectorConfigSchema = z
  .object({
    LEDGER_HOST: z.string().default("127.0.0.1"),
    LEDGER_PROJECTOR_PORT: z.coerce.number().int().min(0).max(65535).default(4003),
    LEDGER_DATA_DIR: z.string().default(".data"),
    LEDGER_STORE: z.string().optional(),
    LEDGER_READ_MODEL_FILE: z.string().optional(),
    LEDGER_PROJECTOR_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  })
  .transform((env) => ({
    host: env.LEDGER_HOST,
    port: env.LEDGER_PROJECTOR_PORT,
    dataDir: env.LEDGER_DATA_DIR,
    store: env.LEDGER_STORE ?? `sqlite:${join(env.LEDGER_DATA_DIR, "events.db")}`,
    readModelFile: env.LEDGER_READ_MODEL_FILE ?? join(env.LEDGER_DATA_DIR, "read-models.db"),
    batchSize: env.LEDGER_PROJECTOR_BATCH,
  }));

export type ProjectorConfig = z.output<typeof ProjectorConfigSchema>;

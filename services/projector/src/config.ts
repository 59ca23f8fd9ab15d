import { join } from "node:path";
import { LogOriginSchema } from "@relief-ledger/domain";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((value) => value === "1" || value === "true");

/** Every setting of the projector, from LEDGER_* environment variables. */
export const ProjectorConfigSchema = z
  .object({
    LEDGER_HOST: z.string().default("127.0.0.1"),
    LEDGER_PROJECTOR_PORT: z.coerce.number().int().min(0).max(65535).default(4003),
    LEDGER_DATA_DIR: z.string().default(".data"),
    LEDGER_STORE: z.string().optional(),
    LEDGER_READ_MODEL_FILE: z.string().optional(),
    LEDGER_PROJECTOR_BATCH: z.coerce.number().int().min(1).max(10_000).default(2_000),
    LEDGER_SIGNING_KEY: z.string().optional(),
    LEDGER_DEMO: flag,
    // A head at least every N unsigned events, and within T seconds of the first unsigned one.
    LEDGER_SIGN_EVERY_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
    LEDGER_SIGN_EVERY_SECONDS: z.coerce.number().positive().max(86_400).default(60),
    // The checkpoint origin witnesses know the log by; unset, the ledger's first checkpoint's.
    LEDGER_LOG_ORIGIN: LogOriginSchema.optional(),
  })
  .transform((env) => ({
    host: env.LEDGER_HOST,
    port: env.LEDGER_PROJECTOR_PORT,
    dataDir: env.LEDGER_DATA_DIR,
    store: env.LEDGER_STORE ?? `sqlite:${join(env.LEDGER_DATA_DIR, "events.db")}`,
    readModelFile: env.LEDGER_READ_MODEL_FILE ?? join(env.LEDGER_DATA_DIR, "read-models.db"),
    batchSize: env.LEDGER_PROJECTOR_BATCH,
    signing: {
      keyFile: env.LEDGER_SIGNING_KEY,
      demo: env.LEDGER_DEMO,
      dataDir: env.LEDGER_DATA_DIR,
      everyEvents: env.LEDGER_SIGN_EVERY_EVENTS,
      everySeconds: env.LEDGER_SIGN_EVERY_SECONDS,
      origin: env.LEDGER_LOG_ORIGIN,
    },
  }));

export type ProjectorConfig = z.output<typeof ProjectorConfigSchema>;

import { join } from "node:path";
import { LogOriginSchema } from "@relief-ledger/domain";
import { BaseConfigSchema, baseSettings, DATA_FILES, flagSetting, portSetting } from "@relief-ledger/http";
import { z } from "zod";

/** Every setting of the projector, from LEDGER_* environment variables. */
export const ProjectorConfigSchema = BaseConfigSchema.extend({
  LEDGER_PROJECTOR_PORT: portSetting(4003),
  LEDGER_READ_MODEL_FILE: z.string().optional(),
  LEDGER_PROJECTOR_BATCH: z.coerce.number().int().min(1).max(10_000).default(10_000),
  // The projection thread's V8 old generation, in MiB: a cap makes it collect its garbage instead
  // of growing the process (its live heap is a batch and the projections' prepared statements).
  LEDGER_PROJECTOR_HEAP_MIB: z.coerce.number().int().min(32).max(16_384).default(128),
  LEDGER_SIGNING_KEY: z.string().optional(),
  LEDGER_DEMO: flagSetting(),
  // A head at least every N unsigned events, and within T seconds of the first unsigned one.
  LEDGER_SIGN_EVERY_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  LEDGER_SIGN_EVERY_SECONDS: z.coerce.number().positive().max(86_400).default(60),
  // The checkpoint origin witnesses know the log by; unset, the ledger's first checkpoint's.
  LEDGER_LOG_ORIGIN: LogOriginSchema.optional(),
}).transform((env) => ({
  ...baseSettings(env, env.LEDGER_PROJECTOR_PORT),
  readModelFile: env.LEDGER_READ_MODEL_FILE ?? join(env.LEDGER_DATA_DIR, DATA_FILES.readModels),
  batchSize: env.LEDGER_PROJECTOR_BATCH,
  heapMiB: env.LEDGER_PROJECTOR_HEAP_MIB,
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

import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The built pages, next to this package's dist (vite writes them there). */
const BUILT_APP_DIR = fileURLToPath(new URL("../dist/app", import.meta.url));

/** Every setting of the web service, from LEDGER_* environment variables. */
export const WebConfigSchema = z
  .object({
    LEDGER_HOST: z.string().default("127.0.0.1"),
    LEDGER_WEB_PORT: z.coerce.number().int().min(0).max(65535).default(4004),
    LEDGER_INGEST_PORT: z.coerce.number().int().min(1).max(65535).default(4001),
    LEDGER_QUERY_PORT: z.coerce.number().int().min(1).max(65535).default(4002),
    LEDGER_INGEST_URL: z.url().optional(),
    LEDGER_QUERY_URL: z.url().optional(),
    LEDGER_WEB_APP_DIR: z.string().default(BUILT_APP_DIR),
    LEDGER_WEB_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    LEDGER_WEB_SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(12),
    LEDGER_WEB_SECURE_COOKIE: z.enum(["auto", "0", "1"]).default("auto"),
    LEDGER_PUBLIC_COALITION: z.enum(["0", "1"]).default("0"),
    LEDGER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  })
  .transform((env) => ({
    host: env.LEDGER_HOST,
    port: env.LEDGER_WEB_PORT,
    ingestUrl: env.LEDGER_INGEST_URL ?? `http://${env.LEDGER_HOST}:${env.LEDGER_INGEST_PORT}`,
    queryUrl: env.LEDGER_QUERY_URL ?? `http://${env.LEDGER_HOST}:${env.LEDGER_QUERY_PORT}`,
    appDir: env.LEDGER_WEB_APP_DIR,
    session: {
      idleMs: env.LEDGER_WEB_SESSION_IDLE_MINUTES * 60_000,
      maxMs: env.LEDGER_WEB_SESSION_MAX_HOURS * 3_600_000,
      secureCookie: env.LEDGER_WEB_SECURE_COOKIE,
    },
    publicCoalition: env.LEDGER_PUBLIC_COALITION === "1",
    rateLimitPerMinute: env.LEDGER_RATE_LIMIT_PER_MINUTE,
  }));

export type WebConfig = z.output<typeof WebConfigSchema>;

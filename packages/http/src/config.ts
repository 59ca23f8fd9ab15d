import { join } from "node:path";
import { z } from "zod";

/**
 * Reads a service's settings from the environment through a zod schema, so a bad setting stops
 * the service at start with the variable's name, never half-way through a request.
 */
export function readConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`invalid configuration:\n  ${problems.join("\n  ")}`);
}

/** The files the ledger keeps in its data directory, by default. */
export const DATA_FILES = {
  events: "events.db",
  readModels: "read-models.db",
  apiKeys: "api-keys.json",
} as const;

/** The SQLite event store in a data directory, as `LEDGER_STORE` spells a store's location. */
export const sqliteStoreIn = (dataDir: string): string => `sqlite:${join(dataDir, DATA_FILES.events)}`;

/** A port setting: a whole number from 0 (any free port) to 65535. */
export const portSetting = (defaultPort: number) => z.coerce.number().int().min(0).max(65535).default(defaultPort);

/** An on/off setting: 1 or true is on; unset, 0 or false is off. */
export const flagSetting = () =>
  z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((value) => value === "1" || value === "true");

/**
 * The settings every service shares: where it listens and where the ledger lives. Each service
 * extends it with its own, then resolves `store` with `storeOf`.
 */
export const BaseConfigSchema = z.object({
  LEDGER_HOST: z.string().default("127.0.0.1"),
  LEDGER_DATA_DIR: z.string().default(".data"),
  LEDGER_STORE: z.string().optional(),
});

/** LEDGER_STORE, else the SQLite file in the data directory. */
export const storeOf = (env: z.output<typeof BaseConfigSchema>): string =>
  env.LEDGER_STORE ?? sqliteStoreIn(env.LEDGER_DATA_DIR);

/** The settings every service resolves alike: where it listens and where the ledger lives. */
export const baseSettings = (env: z.output<typeof BaseConfigSchema>, port: number) => ({
  host: env.LEDGER_HOST,
  port,
  dataDir: env.LEDGER_DATA_DIR,
  store: storeOf(env),
});

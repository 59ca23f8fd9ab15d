import type { z } from "zod";

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

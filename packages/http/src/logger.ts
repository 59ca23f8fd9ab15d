import type { FastifyServerOptions } from "fastify";

/**
 * Pino options for every service. Request bodies are never logged, and anything that could carry
 * a key or an identity value is censored if a log line ever includes it.
 */
export function loggerOptions(
  service: string,
  level = process.env.LEDGER_LOG_LEVEL ?? "info",
): FastifyServerOptions["logger"] {
  return {
    level,
    base: { service },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "headers.authorization",
        "body",
        "req.body",
        "*.value",
        "*.beneficiaryRefs",
        "*.token",
        "*.key",
      ],
      censor: "[redacted]",
    },
  };
}

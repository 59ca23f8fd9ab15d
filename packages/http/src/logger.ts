import type { FastifyRequest, FastifyServerOptions } from "fastify";

/**
 * A request as the logs show it: its method and the route pattern it matched (`/v1/cbos/:cboId/
 * totals`), never the URL, whose path and query can hold a member's number, nor any header.
 */
export const requestForLog = (request: FastifyRequest) => ({
  method: request.method,
  route: request.routeOptions?.url ?? "unmatched",
});

/** An error as the logs show it: what it is and where it arose, not the values attached to it. */
export function errorForLog(error: unknown): { type: string; message: string; stack: string; code?: string } {
  if (typeof error !== "object" || error === null) return { type: typeof error, message: String(error), stack: "" };
  const { name, code, message, stack } = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    stack?: unknown;
  };
  return {
    type: typeof name === "string" ? name : "Error",
    ...(typeof code === "string" ? { code } : {}),
    message: typeof message === "string" ? message : "",
    stack: typeof stack === "string" ? stack : "",
  };
}

/**
 * Pino options for every service. Requests are logged by route pattern, request bodies never,
 * errors without their attached properties (a framework error can carry the URL), and anything
 * that could carry a key or an identity value is censored if a log line ever includes it.
 */
export function loggerOptions(
  service: string,
  level = process.env.LEDGER_LOG_LEVEL ?? "info",
): FastifyServerOptions["logger"] {
  return {
    level,
    base: { service },
    serializers: { req: requestForLog, err: errorForLog },
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

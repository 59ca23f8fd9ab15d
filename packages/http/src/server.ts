import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyPluginOptions, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  type FastifyPluginAsyncZod,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { Registry } from "prom-client";
import { authPlugin } from "./auth.js";
import { errorHandler } from "./error-handler.js";
import type { Keyring } from "./keyring.js";
import { loggerOptions } from "./logger.js";
import { metricsPlugin } from "./metrics.js";
import { documentRefusals } from "./refusals.js";
import { KEY_SCHEME } from "./route-doc.js";
import { validatorCompiler } from "./validation.js";

export interface HttpServerOptions {
  service: string;
  version: string;
  description: string;
  keyring: Keyring;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Requests per minute per API key (or per address without one). */
  rateLimitPerMinute?: number;
  /** Adds to /health; throwing or returning ok:false turns it into a 503. */
  health?: () => Promise<Record<string, unknown> & { ok: boolean }>;
  /** Where /metrics reads from; pass one to add a service's own metrics beside the shared ones. */
  registry?: Registry;
  /** Pino options or a stream destination; defaults to JSON lines on stdout with redaction. */
  logger?: FastifyServerOptions["logger"];
}

/** One Fastify instance wired the same way for every service; routes are added by the caller. */
export async function createHttpServer(options: HttpServerOptions) {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(options.service),
    bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024,
    // Errors Fastify meets before routing (an undecodable URL) would otherwise be answered in its
    // words, which quote the path.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Before any route is added, the swagger plugin's included: it reads the schemas this completes.
  app.addHook("onRoute", documentRefusals);
  // The path is never repeated: it can hold an identity number (GET /v1/members/<aadhaar>).
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ error: "not_found", message: "no route matches this method and path" });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: `Relief ledger — ${options.service}`, version: options.version, description: options.description },
      components: { securitySchemes: { [KEY_SCHEME]: { type: "http", scheme: "bearer" } } },
      security: [{ [KEY_SCHEME]: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  await app.register(authPlugin, { keyring: options.keyring });
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    keyGenerator: (request) => request.principal?.keyId ?? request.ip,
  });
  const registry = options.registry ?? new Registry();
  await app.register(metricsPlugin, { registry });

  app.get("/health", { schema: { hide: true }, config: { rateLimit: false } }, async (_, reply) => {
    const checks = options.health
      ? await options.health().catch((error: Error) => ({ ok: false, error: error.message }))
      : { ok: true };
    void reply.status(checks.ok ? 200 : 503);
    return { service: options.service, version: options.version, status: checks.ok ? "ok" : "unhealthy", ...checks };
  });
  return app;
}

export type HttpServer = Awaited<ReturnType<typeof createHttpServer>>;

/**
 * A service's routes as a Fastify plugin: registered with `app.register(plugin, options)`, so what
 * a plugin adds (a content-type parser, a hook) applies to its own routes only.
 */
export type RoutesPlugin<Options extends FastifyPluginOptions = Record<never, never>> = FastifyPluginAsyncZod<Options>;

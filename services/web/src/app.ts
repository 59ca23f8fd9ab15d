import { existsSync } from "node:fs";
import { extname, join } from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import proxy from "@fastify/http-proxy";
import fastifyStatic from "@fastify/static";
import {
  createHttpServer,
  forbidden,
  staticKeyring,
  type HttpServer,
  type HttpServerOptions,
} from "@relief-ledger/http";
import type { FastifyRequest } from "fastify";
import type { WebConfig } from "./config.js";
import { keyFor, sessionRoutes } from "./routes/session.js";
import { memorySessionStore, type SessionStore } from "./sessions.js";

export const VERSION = "0.1.0";

export interface WebAppOptions {
  config: Pick<WebConfig, "ingestUrl" | "queryUrl" | "appDir" | "session" | "publicCoalition" | "rateLimitPerMinute">;
  logger?: HttpServerOptions["logger"];
  sessions?: SessionStore;
}

/**
 * Everything is bundled and served from this origin: no inline script or style, no other origin.
 * ECharts draws on a canvas and sets element styles through the CSSOM, which CSP allows.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** SameSite=Strict already keeps other sites' requests cookieless; a foreign Origin is refused too. */
async function sameOriginOnly(request: FastifyRequest): Promise<void> {
  const origin = request.headers.origin;
  if (!UNSAFE.has(request.method) || origin === undefined) return;
  if (origin !== `${request.protocol}://${request.host}`) throw forbidden("requests from another site are refused");
}

/** The web service: pages, sign-in, and the ingest and query APIs forwarded from one origin. */
export async function buildWebApp(options: WebAppOptions): Promise<HttpServer> {
  const { config } = options;
  const sessions = options.sessions ?? memorySessionStore(config.session);
  const app = await createHttpServer({
    service: "web",
    version: VERSION,
    description: "The ledger's pages, sign-in, and the ingest and query APIs under /api from the same origin.",
    // The web service checks no key itself: the API behind it does, on every forwarded request.
    keyring: staticKeyring([]),
    logger: options.logger,
    rateLimitPerMinute: config.rateLimitPerMinute,
    bodyLimit: 64 * 1024,
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: "no-referrer" },
  });
  await app.register(cookie);
  app.addHook("onRequest", sameOriginOnly);

  sessionRoutes(app, {
    sessions,
    queryUrl: config.queryUrl,
    secureCookie: config.session.secureCookie,
    maxAgeMs: config.session.maxMs,
    publicCoalition: config.publicCoalition,
  });

  for (const [prefix, upstream] of [
    ["/api/ingest", config.ingestUrl],
    ["/api/query", config.queryUrl],
  ] as const) {
    await app.register(proxy, {
      upstream,
      prefix,
      rewritePrefix: "",
      // reply-from would log each upstream URL ("fetching from remote server"), and a URL can
      // carry a member's number: the request is logged once, by route pattern, like every other.
      disableRequestLogging: true,
      replyOptions: {
        // The session's key replaces the cookie, which the API has no use for; a caller without a
        // session (curl with its own Authorization header) is forwarded as it came.
        rewriteRequestHeaders: (request, headers) => {
          const { cookie: _cookie, ...rest } = headers;
          const apiKey = keyFor(request as FastifyRequest, sessions);
          return apiKey ? { ...rest, authorization: `Bearer ${apiKey}` } : rest;
        },
      },
    });
  }

  const index = join(config.appDir, "index.html");
  if (existsSync(index)) {
    await app.register(fastifyStatic, {
      root: config.appDir,
      wildcard: false,
      index: false,
      // Built assets have content hashes in their names; index.html must always be fresh.
      setHeaders: (res, path) => {
        res.setHeader("cache-control", path.endsWith(".html") ? "no-cache" : "public, max-age=31536000, immutable");
      },
    });
  }
  // Every other path is a page of the single-page app; a missing file is a 404.
  app.get("/*", { schema: { hide: true } }, async (request, reply) => {
    if (extname(request.url.split("?")[0]!) !== "")
      return reply.status(404).send({ error: "not_found", message: "no such file" });
    if (!existsSync(index))
      return reply
        .status(503)
        .send({ error: "unavailable", message: "the pages are not built: run pnpm build (or pnpm start)" });
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
  return app;
}

import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus /metrics: process metrics plus request durations by route and status. */
export const metricsPlugin = fp(async (app: FastifyInstance, { registry }: { registry: Registry }) => {
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration by method, route and status",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    duration.observe({ method: request.method, route, status_code: reply.statusCode }, reply.elapsedTime / 1000);
  });
  app.get("/metrics", { schema: { hide: true } }, async (_, reply) => {
    void reply.type(registry.contentType);
    return registry.metrics();
  });
});

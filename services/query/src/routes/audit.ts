import { HttpError, notFound, requireRole, type HttpServer } from "@relief-ledger/http";
import { auditLogOf, checkpointOf, signedPart } from "../audit/audit-source.js";
import type { LogStore } from "../audit/log-store.js";
import { consistencyBundle, eventOfDistribution, inclusionBundle } from "../audit/proofs.js";
import {
  ConsistencyBundleSchema,
  ConsistencyQuerySchema,
  DistributionInclusionQuerySchema,
  HeadSchema,
  InclusionBundleSchema,
  InclusionParamsSchema,
  InclusionQuerySchema,
  PublicKeyQuerySchema,
  PublicKeySchema,
} from "../audit/schemas.js";
import type { ReadModel } from "../read-model.js";
import { z } from "zod";

// Heads and keys are public: anyone may hold the operator to what it signed. Proofs show events.
const PUBLIC = [] as const;

/**
 * /v1/audit: signed heads, the public key and proof bundles, from the Merkle index the projector
 * keeps in the read-model file, in the formats `ledger check-proof` verifies offline.
 */
export function auditRoutes(app: HttpServer, readModel: ReadModel, logStore: LogStore | undefined): void {
  app.get(
    "/v1/audit/head",
    {
      schema: {
        tags: ["audit"],
        summary: "The latest signed tree head",
        security: [...PUBLIC],
        response: { 200: HeadSchema },
      },
    },
    async () => {
      const log = auditLogOf(readModel);
      const head = log.heads.latest();
      if (head === undefined) throw notFound("no tree head has been signed yet");
      const checkpoint = checkpointOf(log, head);
      return { head: signedPart(head), signedAt: head.signedAt, ...(checkpoint !== undefined && { checkpoint }) };
    },
  );

  app.get(
    "/v1/audit/checkpoint",
    {
      schema: {
        tags: ["audit"],
        summary: "The latest signed head as a C2SP tlog-checkpoint signed note (text/plain)",
        security: [...PUBLIC],
        response: { 200: z.string().describe("origin, tree size, base64 root, a blank line, signature lines") },
      },
    },
    async (_request, reply) => {
      const log = auditLogOf(readModel);
      const head = log.heads.latest();
      const checkpoint = head === undefined ? undefined : checkpointOf(log, head);
      if (checkpoint === undefined) throw notFound("no checkpoint has been signed yet");
      return reply.type("text/plain; charset=utf-8").send(checkpoint);
    },
  );

  app.get(
    "/v1/audit/public-key",
    {
      schema: {
        tags: ["audit"],
        summary: "The Ed25519 public key heads are signed with",
        security: [...PUBLIC],
        querystring: PublicKeyQuerySchema,
        response: { 200: PublicKeySchema },
      },
    },
    async (request) => {
      const key = auditLogOf(readModel).keys.get(request.query.keyId);
      if (key === undefined) throw notFound(request.query.keyId ? "no key with that keyId" : "no key yet");
      return key;
    },
  );

  app.get(
    "/v1/audit/proofs/inclusion/:eventId",
    {
      preHandler: requireRole("auditor"),
      schema: {
        tags: ["audit"],
        summary: "An inclusion proof bundle: the event, its audit path and the signed head",
        params: InclusionParamsSchema,
        querystring: InclusionQuerySchema,
        response: { 200: InclusionBundleSchema },
      },
    },
    async (request) => {
      if (logStore === undefined) throw new HttpError(503, "not_ready", "this service has no event store to read");
      const log = auditLogOf(readModel);
      return inclusionBundle(log, logStore.get(), request.params.eventId, request.query.treeSize);
    },
  );

  app.get(
    "/v1/audit/proofs/inclusion",
    {
      preHandler: requireRole("auditor"),
      schema: {
        tags: ["audit"],
        summary: "An inclusion proof bundle for the event that recorded a distribution, by its distributionId",
        querystring: DistributionInclusionQuerySchema,
        response: { 200: InclusionBundleSchema },
      },
    },
    async (request) => {
      if (logStore === undefined) throw new HttpError(503, "not_ready", "this service has no event store to read");
      const log = auditLogOf(readModel);
      const eventId = eventOfDistribution(log, readModel.db(), request.query.distributionId);
      return inclusionBundle(log, logStore.get(), eventId, request.query.treeSize);
    },
  );

  app.get(
    "/v1/audit/proofs/consistency",
    {
      preHandler: requireRole("auditor"),
      schema: {
        tags: ["audit"],
        summary: "A consistency proof bundle: the later signed tree extends the earlier one",
        querystring: ConsistencyQuerySchema,
        response: { 200: ConsistencyBundleSchema },
      },
    },
    async (request) => consistencyBundle(auditLogOf(readModel), request.query.from, request.query.to),
  );
}

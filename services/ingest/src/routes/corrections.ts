import {
  DEDUP_POLICY_STREAM,
  DistributionIdSchema,
  FlagIdSchema,
  ResolveFlagInputSchema,
  SetDedupPolicyInputSchema,
  VoidDistributionInputSchema,
  decideFlagResolution,
  decideVoid,
  distributionStream,
  flagStream,
} from "@relief-ledger/domain";
import { requireRole, unprocessable, type HttpServer } from "@relief-ledger/http";
import { z } from "zod";
import { commandContext, type IngestDeps } from "../deps.js";
import { recordAppend, recordOnce } from "../recorder.js";
import { orRefuse } from "../refusal.js";
import { RecordedSchema } from "./responses.js";

/** Voids, the dedup policy and flag resolutions: the ways the ledger is corrected without rewriting it. */
export function correctionRoutes(app: HttpServer, { store, index }: IngestDeps): void {
  app.post(
    "/v1/distributions/:distributionId/void",
    {
      onRequest: requireRole("cbo"),
      schema: {
        tags: ["corrections"],
        summary: "Void one of your CBO's distributions (record a corrected one separately)",
        params: z.object({ distributionId: DistributionIdSchema }),
        body: VoidDistributionInputSchema,
        response: { 201: RecordedSchema.extend({ distributionId: z.string() }) },
      },
    },
    async (request, reply) => {
      const { principal, metadata } = commandContext(request);
      const { distributionId } = request.params;
      await index.catchUp();
      const voided = orRefuse(decideVoid(distributionId, request.body.reason, principal, index));
      // The void stream holds one event: a second void, even a racing one, is the store's conflict.
      const outcome = await recordOnce(
        store,
        distributionStream(distributionId),
        [{ type: "DistributionVoided", data: voided }],
        metadata,
      );
      if (!outcome.ok)
        throw unprocessable("the distribution is already voided", [
          { path: "distributionId", message: "is already voided" },
        ]);
      return reply.status(201).send({ distributionId, ...outcome.recorded });
    },
  );

  app.put(
    "/v1/dedup-policy",
    {
      onRequest: requireRole("admin"),
      schema: {
        tags: ["corrections"],
        summary: "Replace the duplicate-benefit rules for the services named (null: no rule)",
        body: SetDedupPolicyInputSchema,
        response: { 201: RecordedSchema },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      return reply
        .status(201)
        .send(await recordAppend(store, DEDUP_POLICY_STREAM, { type: "DedupPolicySet", data: request.body }, metadata));
    },
  );

  app.post(
    "/v1/flags/:flagId/resolution",
    {
      onRequest: requireRole("auditor"),
      schema: {
        tags: ["corrections"],
        summary: "Resolve a suspected duplicate benefit as confirmed or dismissed",
        params: z.object({ flagId: FlagIdSchema }),
        body: ResolveFlagInputSchema,
        response: { 201: RecordedSchema.extend({ flagId: z.string() }) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      await index.catchUp();
      const flagId = orRefuse(decideFlagResolution(request.params.flagId, index));
      const data = { flagId, verdict: request.body.verdict, note: request.body.note };
      const recorded = await recordAppend(store, flagStream(flagId), { type: "DuplicateFlagResolved", data }, metadata);
      return reply.status(201).send({ flagId, ...recorded });
    },
  );
}

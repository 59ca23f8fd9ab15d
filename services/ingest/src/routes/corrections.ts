import {
  AddFlagNoteInputSchema,
  DistributionIdSchema,
  FlagIdSchema,
  ResolveFlagInputSchema,
  SetDedupPolicyInputSchema,
  VoidDistributionInputSchema,
  RecordedSchema,
} from "@relief-ledger/domain";
import { refusals, requireRole, type RoutesPlugin } from "@relief-ledger/http";
import { z } from "zod";
import { commandContext, type IngestDeps } from "../deps.js";
import { WRITE_REFUSALS, handleCommand } from "../handle-command.js";

/** Voids, the dedup policy, flag resolutions and CBOs' notes on flags: the ledger corrected without rewriting it. */
export const correctionRoutes: RoutesPlugin<IngestDeps> = async (app, deps) => {
  app.post(
    "/v1/distributions/:distributionId/void",
    {
      onRequest: requireRole("cbo"),
      schema: {
        tags: ["corrections"],
        summary: "Void one of your CBO's distributions (record a corrected one separately)",
        params: z.object({ distributionId: DistributionIdSchema }),
        body: VoidDistributionInputSchema,
        response: { 201: RecordedSchema.extend({ distributionId: z.string() }), ...refusals(...WRITE_REFUSALS) },
      },
    },
    async (request, reply) => {
      const { principal, metadata } = commandContext(request);
      const { distributionId } = request.params;
      const data = { distributionId, reason: request.body.reason, principal };
      const recorded = await handleCommand(deps, { type: "VoidDistribution", data }, metadata);
      return reply.status(201).send({ distributionId, ...recorded });
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
        response: { 201: RecordedSchema, ...refusals(...WRITE_REFUSALS) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      return reply
        .status(201)
        .send(await handleCommand(deps, { type: "SetDedupPolicy", data: request.body }, metadata));
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
        response: { 201: RecordedSchema.extend({ flagId: z.string() }), ...refusals(...WRITE_REFUSALS) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      const { flagId } = request.params;
      const data = { flagId, verdict: request.body.verdict, note: request.body.note };
      const recorded = await handleCommand(deps, { type: "ResolveFlag", data }, metadata);
      return reply.status(201).send({ flagId, ...recorded });
    },
  );

  app.post(
    "/v1/flags/:flagId/notes",
    {
      onRequest: requireRole("cbo"),
      schema: {
        tags: ["corrections"],
        summary: "Add your CBO's note for the auditors to a flag that involves your CBO",
        description:
          "Free text (at most 1,000 characters) with no names or identity numbers: one is refused with 422 naming " +
          "`note`, quoting nothing. A flag the read side does not show is 422 (`flagId`); a flag whose window holds " +
          "none of your CBO's distributions is 403. Each note is kept; a CBO reads its own, auditors read all.",
        params: z.object({ flagId: FlagIdSchema }),
        body: AddFlagNoteInputSchema,
        response: { 201: RecordedSchema.extend({ flagId: z.string() }), ...refusals(...WRITE_REFUSALS) },
      },
    },
    async (request, reply) => {
      const { principal, metadata } = commandContext(request);
      const { flagId } = request.params;
      const data = { flagId, note: request.body.note, principal };
      const recorded = await handleCommand(deps, { type: "AddFlagNote", data }, metadata);
      return reply.status(201).send({ flagId, ...recorded });
    },
  );
};

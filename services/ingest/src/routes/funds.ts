import { RecordFundsInputSchema, RecordedSchema } from "@relief-ledger/domain";
import { refusals, requireRole, type RoutesPlugin } from "@relief-ledger/http";
import { z } from "zod";
import { commandContext, type IngestDeps } from "../deps.js";
import { WRITE_REFUSALS, handleCommand } from "../handle-command.js";

export const fundRoutes: RoutesPlugin<IngestDeps> = async (app, deps) => {
  app.post(
    "/v1/funds",
    {
      onRequest: requireRole("admin"),
      schema: {
        tags: ["funds"],
        summary: "Record money a donor gave a CBO",
        body: RecordFundsInputSchema,
        response: { 201: RecordedSchema.extend({ fundId: z.string() }), ...refusals(409, ...WRITE_REFUSALS) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      const recorded = await handleCommand(deps, { type: "RecordFunds", data: request.body }, metadata);
      return reply.status(201).send({ fundId: request.body.fundId, ...recorded });
    },
  );
};

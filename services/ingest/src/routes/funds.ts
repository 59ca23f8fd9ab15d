import { RecordFundsInputSchema } from "@relief-ledger/domain";
import { requireRole, type HttpServer } from "@relief-ledger/http";
import { z } from "zod";
import { commandContext, type IngestDeps } from "../deps.js";
import { handleCommand } from "../handle-command.js";
import { RecordedSchema } from "./responses.js";

export function fundRoutes(app: HttpServer, deps: IngestDeps): void {
  app.post(
    "/v1/funds",
    {
      onRequest: requireRole("admin"),
      schema: {
        tags: ["funds"],
        summary: "Record money a donor gave a CBO",
        body: RecordFundsInputSchema,
        response: { 201: RecordedSchema.extend({ fundId: z.string() }) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      const recorded = await handleCommand(deps, { type: "RecordFunds", data: request.body }, metadata);
      return reply.status(201).send({ fundId: request.body.fundId, ...recorded });
    },
  );
}

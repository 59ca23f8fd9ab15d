import { RecordFundsInputSchema, decideFunds, fundStream } from "@relief-ledger/domain";
import { conflict, requireRole, type HttpServer } from "@relief-ledger/http";
import { z } from "zod";
import { commandContext, type IngestDeps } from "../deps.js";
import { recordOnce } from "../recorder.js";
import { orRefuse } from "../refusal.js";
import { RecordedSchema } from "./responses.js";

export function fundRoutes(app: HttpServer, { store, index, today }: IngestDeps): void {
  app.post(
    "/v1/funds",
    {
      preHandler: requireRole("admin"),
      schema: {
        tags: ["funds"],
        summary: "Record money a donor gave a CBO",
        body: RecordFundsInputSchema,
        response: { 201: RecordedSchema.extend({ fundId: z.string() }) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      await index.catchUp();
      const funds = orRefuse(decideFunds(request.body, index, today()));
      const outcome = await recordOnce(
        store,
        fundStream(funds.fundId),
        [{ type: "FundsReceived", data: funds }],
        metadata,
      );
      if (!outcome.ok)
        throw conflict("the fund is already recorded with other details", [
          { path: "fundId", message: "is recorded with other details" },
        ]);
      return reply.status(201).send({ fundId: funds.fundId, ...outcome.recorded });
    },
  );
}

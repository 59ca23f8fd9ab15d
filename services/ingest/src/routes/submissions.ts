import { CboIdSchema, SubmissionIdSchema, SubmissionInputSchema } from "@relief-ledger/domain";
import { assertActsFor, requireRole, type HttpServer } from "@relief-ledger/http";
import { z } from "zod";
import { readCsvSubmission } from "../csv/read-csv-submission.js";
import { inRows } from "../csv/row-issues.js";
import { commandContext, type IngestDeps } from "../deps.js";
import { submit } from "../submit.js";
import { RecordedSchema } from "./responses.js";

const OutcomeSchema = RecordedSchema.extend({ submissionId: z.string(), cboId: z.string() });

export function submissionRoutes(app: HttpServer, deps: IngestDeps): void {
  app.post(
    "/v1/submissions",
    {
      preHandler: requireRole("cbo"),
      schema: {
        tags: ["submissions"],
        summary: "Submit a batch of up to 1,000 distributions, all or nothing",
        description: "Retrying with the same submissionId and content returns the first outcome and stores nothing.",
        body: SubmissionInputSchema,
        response: { 201: OutcomeSchema },
      },
    },
    async (request, reply) => {
      const { principal, metadata } = commandContext(request);
      assertActsFor(principal, request.body.cboId);
      return reply.status(201).send(await submit(request.body, metadata, deps));
    },
  );

  app.post(
    "/v1/submissions/csv",
    {
      preHandler: requireRole("cbo"),
      schema: {
        tags: ["submissions"],
        summary: "Submit a batch as a CSV file (Content-Type: text/csv); errors name the row and column",
        querystring: z.object({ submissionId: SubmissionIdSchema, cboId: CboIdSchema }),
        response: { 201: OutcomeSchema },
      },
    },
    async (request, reply) => {
      const { principal, metadata } = commandContext(request);
      assertActsFor(principal, request.query.cboId);
      const { input, layout } = await readCsvSubmission(request.body as NodeJS.ReadableStream, request.query);
      const outcome = await submit(input, metadata, deps).catch((error: unknown) => {
        throw inRows(error, layout);
      });
      return reply.status(201).send(outcome);
    },
  );
}

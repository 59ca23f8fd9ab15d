import { CboIdSchema, SubmissionIdSchema, SubmissionInputSchema, RecordedSchema } from "@relief-ledger/domain";
import {
  assertActsFor,
  badRequest,
  principalOf,
  refuseUnread,
  requireRole,
  type FastifyReply,
  type FastifyRequest,
  refusals,
  type HttpServer,
  type RoutesPlugin,
} from "@relief-ledger/http";
import { z } from "zod";
import { CSV_BODY_LIMIT_BYTES, assertUtf8Charset, readCsvBody } from "../csv/csv-body.js";
import { readCsvRows, toSubmission, type CsvRows } from "../csv/read-csv-submission.js";
import { inRows } from "../csv/row-issues.js";
import { commandContext, type IngestDeps } from "../deps.js";
import { WRITE_REFUSALS } from "../handle-command.js";
import { submit } from "../submit.js";

const OutcomeSchema = RecordedSchema.extend({ submissionId: z.string(), cboId: z.string() });

export const submissionRoutes: RoutesPlugin<IngestDeps> = async (app, deps) => {
  app.post(
    "/v1/submissions",
    {
      onRequest: requireRole("cbo"),
      schema: {
        tags: ["submissions"],
        summary: "Submit a batch of up to 1,000 distributions, all or nothing",
        description: "Retrying with the same submissionId and content returns the first outcome and stores nothing.",
        body: SubmissionInputSchema,
        response: { 201: OutcomeSchema, ...refusals(409, ...WRITE_REFUSALS) },
      },
    },
    async (request, reply) => {
      const { principal, metadata } = commandContext(request);
      assertActsFor(principal, request.body.cboId);
      return reply.status(201).send(await submit(request.body, metadata, deps));
    },
  );

  // The CSV route lives in its own plugin scope, the only place a CSV parser is registered: every
  // other content type is a 415 here, and no other route ever reads CSV.
  await app.register(async (scope: HttpServer) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("text/csv", async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
      assertUtf8Charset(request.headers["content-type"]);
      return readCsvRows(await readCsvBody(payload, request.headers["content-length"]));
    });
    scope.post(
      "/v1/submissions/csv",
      {
        // Key, role and CBO first: a refused caller's file is never read.
        onRequest: [requireRole("cbo"), actsForQueriedCbo],
        schema: {
          tags: ["submissions"],
          summary: "Submit a batch as a CSV file (Content-Type: text/csv, UTF-8); errors name the row and column",
          description: `At most ${CSV_BODY_LIMIT_BYTES} bytes (413 beyond); other content types are 415.`,
          consumes: ["text/csv"],
          querystring: z.object({ submissionId: SubmissionIdSchema, cboId: CboIdSchema }),
          response: { 201: OutcomeSchema, ...refusals(409, ...WRITE_REFUSALS) },
        },
      },
      async (request, reply) => {
        const { metadata } = commandContext(request);
        const rows = request.body as CsvRows | undefined;
        if (rows === undefined) throw badRequest("the body is empty; send the CSV file as text/csv");
        await deps.index.catchUp();
        const rules = { today: deps.today(), funds: deps.index.withDistributions([]) };
        const outcome = await submit(toSubmission(rows, request.query, rules), metadata, deps).catch(
          (error: unknown) => {
            throw inRows(error, rows.layout);
          },
        );
        return reply.status(201).send(outcome);
      },
    );
  });
};

/** The CBO named in the query, checked before the body is read (the query is parsed, not yet validated). */
async function actsForQueriedCbo(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { cboId } = request.query as { cboId?: unknown };
  try {
    assertActsFor(principalOf(request), typeof cboId === "string" ? cboId : "");
  } catch (error) {
    refuseUnread(request, reply, error as Error);
  }
}

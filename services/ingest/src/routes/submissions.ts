import {
  CboIdSchema,
  MAX_PROBLEMS_LISTED,
  SubmissionIdSchema,
  SubmissionInputSchema,
  RecordedSchema,
  everySubmissionProblem,
  listAtMost,
  refusalStatusOf,
  type Principal,
} from "@relief-ledger/domain";
import {
  doc,
  HttpError,
  RequestValidationError,
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
      schema: doc("submissions", "Submit a batch of up to 1,000 distributions, all or nothing", {
        description:
          "Retrying with the same submissionId and content returns the first outcome and stores nothing. " +
          "A refused batch is refused once, with every record's problems (format and the ledger's rules " +
          `together) by \`distributions.<index>.<field>\`, at most ${MAX_PROBLEMS_LISTED} of them; the message says how many more.`,
        body: SubmissionInputSchema,
        response: { 201: OutcomeSchema, ...refusals(409, ...WRITE_REFUSALS) },
      }),
      // The handler answers a malformed body itself, adding the rule problems of its well-formed parts.
      attachValidation: true,
    },
    async (request, reply) => {
      const { principal, metadata } = commandContext(request);
      if (request.validationError)
        throw await everyProblemRefusal(request.validationError, request.body, principal, deps);
      assertActsFor(principal, request.body.cboId);
      const outcome = await submit(request.body, metadata, deps).catch((error: unknown) => {
        throw listingAtMost(error);
      });
      return reply.status(201).send(outcome);
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
        schema: doc(
          "submissions",
          "Submit a batch as a CSV file (Content-Type: text/csv, UTF-8); errors name the row and column",
          {
            description: `At most ${CSV_BODY_LIMIT_BYTES} bytes (413 beyond); other content types are 415.`,
            consumes: ["text/csv"],
            querystring: z.object({ submissionId: SubmissionIdSchema, cboId: CboIdSchema }),
            response: { 201: OutcomeSchema, ...refusals(409, ...WRITE_REFUSALS) },
          },
        ),
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

/**
 * One refusal for a malformed batch with every record's problems: the schema's, and the ledger's
 * rules on the fields that parsed (the funds only for the caller's own CBO). Before, a batch with a
 * bad amount and a future date took two runs to fix.
 */
async function everyProblemRefusal(
  error: Error,
  body: unknown,
  principal: Principal,
  deps: IngestDeps,
): Promise<unknown> {
  if (!(error instanceof RequestValidationError)) return error;
  await deps.index.catchUp();
  const cboId = (body as { cboId?: unknown } | null)?.cboId;
  const ownCbo = principal.role === "cbo" && principal.cboId === cboId;
  const problems = everySubmissionProblem(body, error.issues, {
    today: deps.today(),
    ...(ownCbo ? { funds: deps.index.withDistributions([]) } : {}),
  });
  const status = refusalStatusOf(error.issues);
  return listingAtMost(
    new HttpError(status, status === 422 ? "unprocessable" : "validation_failed", "the request is invalid", problems),
  );
}

/** The same refusal listing at most MAX_PROBLEMS_LISTED problems, its message saying how many it left out. */
function listingAtMost(error: unknown): unknown {
  if (!(error instanceof HttpError) || !Array.isArray(error.details)) return error;
  const { listed, more } = listAtMost(error.details);
  if (more === 0) return error;
  const message = `${error.message}; the first ${listed.length} of ${listed.length + more} problems are listed (${more} more)`;
  return new HttpError(error.statusCode, error.error, message, listed);
}

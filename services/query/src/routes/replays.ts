import { createReadStream } from "node:fs";
import { ErrorBodySchema } from "@relief-ledger/domain";
import { doc, conflict, HttpError, notFound, refusals, requireRole, type RoutesPlugin } from "@relief-ledger/http";
import { replayPoint } from "@relief-ledger/replay";
import { z } from "zod";
import type { QueryDeps } from "../deps.js";
import type { Replays } from "../replays/replays.js";
import {
  ReplayFileParamsSchema,
  ReplayListSchema,
  ReplayParamsSchema,
  ReplayStatusSchema,
  StartReplayBodySchema,
} from "../replays/schemas.js";

const AUDITOR = requireRole("auditor");
const NO_REPLAYS = ErrorBodySchema.describe("this service keeps no replays");

/**
 * /v1/audit/replays: an auditor replays the log to a point as `ledger replay` does, from a page.
 * The replay runs in a worker thread, one at a time; its report and CSVs stay on disk to download.
 */
export const replayRoutes: RoutesPlugin<QueryDeps> = async (app, { replays }) => {
  const kept = (): Replays => {
    if (replays === undefined) throw new HttpError(503, "not_ready", "this service keeps no replays");
    return replays;
  };

  app.post(
    "/v1/audit/replays",
    {
      onRequest: AUDITOR,
      schema: doc("audit", "Start a replay of the log to a day, an instant or a position (one at a time)", {
        body: StartReplayBodySchema,
        response: {
          202: ReplayStatusSchema,
          409: ErrorBodySchema.describe("a replay is running (details name it): wait for it, then start again"),
          503: NO_REPLAYS,
        },
      }),
    },
    async (request, reply) => {
      const { started, status } = kept().start(replayPoint(request.body));
      if (!started)
        throw conflict("a replay is running: wait for it to end, then start another", [
          { path: "replayId", message: `the running replay is ${status.replayId}` },
        ]);
      return reply.status(202).header("location", `/v1/audit/replays/${status.replayId}`).send(status);
    },
  );

  app.get(
    "/v1/audit/replays",
    {
      onRequest: AUDITOR,
      schema: doc("audit", "The replays kept, newest first, with their progress", {
        response: { 200: ReplayListSchema, 503: NO_REPLAYS },
      }),
    },
    async () => ({ replays: kept().list() }),
  );

  app.get(
    "/v1/audit/replays/:replayId",
    {
      onRequest: AUDITOR,
      schema: doc("audit", "One replay's state and progress (events done of the total, by phase)", {
        params: ReplayParamsSchema,
        response: { 200: ReplayStatusSchema, ...refusals(404), 503: NO_REPLAYS },
      }),
    },
    async (request) => {
      const status = kept().get(request.params.replayId);
      if (status === undefined) throw notFound("no such replay (only the last few are kept)");
      return status;
    },
  );

  app.get(
    "/v1/audit/replays/:replayId/files/:file",
    {
      onRequest: AUDITOR,
      schema: doc(
        "audit",
        "A finished replay's report.json or one of its CSVs, byte for byte as `ledger replay` writes them",
        {
          params: ReplayFileParamsSchema,
          response: { 200: z.string().describe("the file's bytes"), ...refusals(404), 503: NO_REPLAYS },
        },
      ),
    },
    async (request, reply) => {
      const { replayId, file } = request.params;
      const path = kept().file(replayId, file);
      if (path === undefined) throw notFound("no such finished replay (only the last few are kept)");
      return reply
        .type(file.endsWith(".json") ? "application/json; charset=utf-8" : "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="replay-${replayId.slice(0, 8)}-${file}"`)
        .send(createReadStream(path));
    },
  );
};

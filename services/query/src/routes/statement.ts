import { CalendarDateSchema } from "@relief-ledger/domain";
import { doc, HttpError, notFound, ownerParams, requireOwner, type RoutesPlugin } from "@relief-ledger/http";
import { StatementSchema, STATEMENT_FORMAT, statementFigures, type Statement } from "@relief-ledger/statement";
import { z } from "zod";
import { auditLogOf, checkpointOf } from "../audit/audit-source.js";
import type { QueryDeps } from "../deps.js";

/** Seconds a client waits before asking again while the newest events are not yet signed. */
const RETRY_AFTER_SECONDS = 30;

/**
 * A donor's verifiable statement (docs/api.md, decision 0027-donor-statement). A donor key reads its own; auditors
 * and admins any donor's. Always the donor's view through the small-cell rule, whoever asks: the
 * document is made to be handed on. Computed only while the read model stands exactly at the
 * latest signed head (every event after it is a head itself), checked in one read transaction;
 * otherwise a 503 with Retry-After, since the projector signs new events within a minute.
 */
export const statementRoutes: RoutesPlugin<QueryDeps> = async (app, { readModel, cosignatures }) => {
  app.get(
    "/v1/donors/:donorId/statement",
    {
      ...requireOwner("donorId", ["donor", "auditor", "admin"], "a donor key reads only its own statement"),
      schema: doc(
        "attribution",
        "A donor's statement for a period, computed at a signed tree head, checkable with `ledger statement --check`",
        {
          params: ownerParams("donorId"),
          querystring: z
            .object({
              from: CalendarDateSchema.optional().describe("funds received on or after this day (YYYY-MM-DD)"),
              to: CalendarDateSchema.optional().describe("funds received on or before this day (YYYY-MM-DD)"),
            })
            .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
              path: ["to"],
              message: "must not be before from",
            }),
          response: { 200: StatementSchema },
        },
      ),
    },
    async (request, reply) => {
      const { donorId } = request.params;
      const period = { from: request.query.from ?? null, to: request.query.to ?? null };
      const db = readModel.db();
      const log = auditLogOf(readModel);
      const notAtHead = (message: string) => {
        reply.header("retry-after", String(RETRY_AFTER_SECONDS));
        return new HttpError(503, "not_at_signed_head", message);
      };
      const { head, figures } = db.transaction(() => {
        const latest = log.heads.latest();
        if (latest === undefined) throw notAtHead("no tree head has been signed yet");
        if (log.heads.unsignedLeaves(log.index.size()) > 0)
          throw notAtHead("events were recorded after the last signed head; the next head is signed within a minute");
        return { head: latest, figures: statementFigures(db, donorId, period) };
      })();
      if (figures === undefined) throw notFound("no such donor in the ledger");
      const cosigned = cosignatures?.forHead(head.treeSize, head.rootHash) ?? [];
      const checkpoint = checkpointOf(
        log,
        head,
        cosigned.map((c) => c.line),
      );
      if (checkpoint === undefined || head.origin === undefined)
        throw notAtHead("the latest head has no checkpoint form or its key is unknown; the next head will");
      const statement: Statement = {
        format: STATEMENT_FORMAT,
        ...figures,
        currency: "INR",
        generatedAt: new Date().toISOString(),
        head: {
          treeSize: head.treeSize,
          rootHash: head.rootHash,
          keyId: head.keyId,
          origin: head.origin,
          signedAt: head.signedAt,
          checkpoint,
          cosignatures: cosigned.map(({ witness, timestamp }) => ({
            witness,
            cosignedAt: new Date(timestamp * 1000).toISOString(),
          })),
        },
      };
      return reply.header("cache-control", "no-store").send(statement);
    },
  );
};

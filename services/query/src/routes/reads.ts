import { CboIdSchema, DonorIdSchema, ServiceSchema, StateCodeSchema } from "@relief-ledger/domain";
import { assertActsFor, forbidden, notFound, principalOf, requireRole, type HttpServer } from "@relief-ledger/http";
import { cboTotals, coalitionTotals, donorAttribution, flags } from "@relief-ledger/projections";
import type { Database } from "better-sqlite3";
import { z } from "zod";
import type { ReadModel } from "../read-model.js";
import { readModelCache } from "../read-model-cache.js";
import { FormatQuerySchema, respond } from "../respond.js";
import { suppressSmallCells } from "../suppression.js";
import { cboCellColumns, coalitionCellColumns, flagColumns, fundCellColumns, fundRows } from "../tables.js";

/**
 * Role-scoped reads. Donors see person counts of 1 to 4 suppressed; auditors see them whole.
 * Totals and attribution are cached per read-model checkpoint, keyed by what the caller may see
 * (never by who asks: the role checks run first, on every request).
 */
export function readRoutes(app: HttpServer, readModel: ReadModel): void {
  const cache = readModelCache(readModel);
  app.get(
    "/v1/cbos/:cboId/totals",
    {
      onRequest: requireRole("cbo", "auditor"),
      schema: {
        tags: ["totals"],
        summary: "A CBO's totals by service and month",
        params: z.object({ cboId: CboIdSchema }),
        querystring: FormatQuerySchema,
      },
    },
    async (request, reply) => {
      const { cboId } = request.params;
      assertActsFor(principalOf(request), cboId, "a CBO key reads only its own CBO's totals");
      const totals = await cache.read(`cbo-totals/${cboId}`, (db) => cboTotals(db, cboId));
      if (!totals) throw notFound("no such CBO in the ledger");
      return respond(reply, request.query.format, totals, {
        name: `totals-${cboId}`,
        columns: cboCellColumns(totals.value),
        rows: totals.value.cells,
      });
    },
  );

  app.get(
    "/v1/totals",
    {
      onRequest: requireRole("donor", "auditor"),
      schema: { tags: ["totals"], summary: "Coalition totals by service and month", querystring: FormatQuerySchema },
    },
    async (request, reply) => {
      const suppressed = principalOf(request).role === "donor";
      const view = (db: Database) => {
        const totals = coalitionTotals(db);
        return suppressed ? suppressSmallCells(totals) : totals;
      };
      // The coalition always has totals (zeros before anything is recorded), so there is an answer.
      const shown = (await cache.read(`coalition-totals/${suppressed ? "suppressed" : "whole"}`, view))!;
      return respond(reply, request.query.format, shown, {
        name: "coalition-totals",
        columns: coalitionCellColumns,
        rows: shown.value.cells,
      });
    },
  );

  app.get(
    "/v1/donors/:donorId/attribution",
    {
      onRequest: requireRole("donor", "auditor"),
      schema: {
        tags: ["attribution"],
        summary: "Where a donor's funds went, fund by fund",
        params: z.object({ donorId: DonorIdSchema }),
        querystring: FormatQuerySchema,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.role === "donor" && principal.donorId !== request.params.donorId)
        throw forbidden("a donor key reads only its own attribution");
      const { donorId } = request.params;
      const suppressed = principal.role === "donor";
      const shown = await cache.read(`attribution/${donorId}/${suppressed ? "suppressed" : "whole"}`, (db) => {
        const attribution = donorAttribution(db, donorId);
        return attribution && suppressed ? suppressSmallCells(attribution) : attribution;
      });
      if (!shown) throw notFound("no such donor in the ledger");
      return respond(reply, request.query.format, shown, {
        name: `attribution-${donorId}`,
        columns: fundCellColumns,
        rows: fundRows(shown.value.funds),
      });
    },
  );

  app.get(
    "/v1/flags",
    {
      onRequest: requireRole("cbo", "auditor"),
      schema: {
        tags: ["flags"],
        summary: "Suspected duplicate benefits, with the evidence",
        querystring: FormatQuerySchema.extend({
          cboId: CboIdSchema.optional(),
          service: ServiceSchema.optional(),
          state: StateCodeSchema.optional(),
          status: z.enum(["open", "resolved"]).optional(),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { format, ...filter } = request.query;
      if (filter.cboId) assertActsFor(principal, filter.cboId, "a CBO key reads only flags involving its own CBO");
      if (principal.role === "cbo") filter.cboId = principal.cboId;
      const found = flags(readModel.db(), filter);
      // Not cached: filters make many keys, and the whole coalition's flags can be large.
      return respond(reply, format, { value: { flags: found } }, { name: "flags", columns: flagColumns, rows: found });
    },
  );
}

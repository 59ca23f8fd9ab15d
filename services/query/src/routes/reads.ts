import { CboIdSchema, DonorIdSchema, ServiceSchema, StateCodeSchema } from "@relief-ledger/domain";
import { forbidden, notFound, principalOf, requireRole, type HttpServer } from "@relief-ledger/http";
import { cboTotals, coalitionTotals, donorAttribution, flags } from "@relief-ledger/projections";
import { z } from "zod";
import type { ReadModel } from "../read-model.js";
import { FormatQuerySchema, respond } from "../respond.js";
import { suppressSmallCells } from "../suppression.js";
import { cboCellColumns, coalitionCellColumns, flagColumns, fundCellColumns, fundRows } from "../tables.js";

/** Role-scoped reads. Donors see person counts of 1 to 4 suppressed; auditors see them whole. */
export function readRoutes(app: HttpServer, readModel: ReadModel): void {
  app.get(
    "/v1/cbos/:cboId/totals",
    {
      preHandler: requireRole("cbo", "auditor"),
      schema: {
        tags: ["totals"],
        summary: "A CBO's totals by service and month",
        params: z.object({ cboId: CboIdSchema }),
        querystring: FormatQuerySchema,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.role === "cbo" && principal.cboId !== request.params.cboId)
        throw forbidden("a CBO key reads only its own CBO's totals");
      const totals = cboTotals(readModel.db(), request.params.cboId);
      if (!totals) throw notFound(`no CBO ${request.params.cboId} in the ledger`);
      return respond(reply, request.query.format, totals, {
        name: `totals-${totals.cboId}`,
        columns: cboCellColumns(totals),
        rows: totals.cells,
      });
    },
  );

  app.get(
    "/v1/totals",
    {
      preHandler: requireRole("donor", "auditor"),
      schema: { tags: ["totals"], summary: "Coalition totals by service and month", querystring: FormatQuerySchema },
    },
    async (request, reply) => {
      const totals = coalitionTotals(readModel.db());
      const shown = principalOf(request).role === "donor" ? suppressSmallCells(totals) : totals;
      return respond(reply, request.query.format, shown, {
        name: "coalition-totals",
        columns: coalitionCellColumns,
        rows: shown.cells,
      });
    },
  );

  app.get(
    "/v1/donors/:donorId/attribution",
    {
      preHandler: requireRole("donor", "auditor"),
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
      const attribution = donorAttribution(readModel.db(), request.params.donorId);
      if (!attribution) throw notFound(`no donor ${request.params.donorId} in the ledger`);
      const shown = principal.role === "donor" ? suppressSmallCells(attribution) : attribution;
      return respond(reply, request.query.format, shown, {
        name: `attribution-${request.params.donorId}`,
        columns: fundCellColumns,
        rows: fundRows(shown.funds),
      });
    },
  );

  app.get(
    "/v1/flags",
    {
      preHandler: requireRole("cbo", "auditor"),
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
      if (principal.role === "cbo") {
        if (filter.cboId && filter.cboId !== principal.cboId)
          throw forbidden("a CBO key reads only flags involving its own CBO");
        filter.cboId = principal.cboId;
      }
      const found = flags(readModel.db(), filter);
      return respond(reply, format, { flags: found }, { name: "flags", columns: flagColumns, rows: found });
    },
  );
}

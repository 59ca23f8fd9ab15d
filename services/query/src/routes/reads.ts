import { CboIdSchema, DonorIdSchema, ServiceSchema, StateCodeSchema } from "@relief-ledger/domain";
import { assertActsFor, forbidden, notFound, principalOf, requireRole, type HttpServer } from "@relief-ledger/http";
import {
  cboTotals,
  coalitionTotals,
  donorAttribution,
  donorReach,
  flags,
  suppressAttribution,
  suppressCoalition,
  wholeAttribution,
  wholeCoalition,
} from "@relief-ledger/projections";
import { z } from "zod";
import type { ReadModel } from "../read-model.js";
import { readModelCache } from "../read-model-cache.js";
import { FormatQuerySchema, respond } from "../respond.js";
import { CoalitionTotalsSchema, DonorAttributionSchema } from "../donor-schemas.js";
import { cboCellColumns, coalitionCellColumns, flagColumns, fundCellColumns, fundRows } from "../tables.js";

/**
 * Role-scoped reads. Donors see small cells suppressed by the one rule in the projections package
 * (docs/privacy.md); auditors see them whole, in the same shape.
 * Totals and attribution are cached per read-model checkpoint, keyed by what the caller may see
 * (never by who asks: the role checks run first, on every request).
 */
export function readRoutes(app: HttpServer, readModel: ReadModel): void {
  const cache = readModelCache(readModel);
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
      preHandler: requireRole("donor", "auditor"),
      schema: {
        tags: ["totals"],
        summary: "Coalition totals by service and month",
        querystring: FormatQuerySchema,
        response: { 200: CoalitionTotalsSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // What a donor may see depends on its own attribution (a figure it could subtract), so each
      // donor has its own view; the coalition always has totals (zeros before anything is recorded).
      const shown = (await (principal.role === "donor"
        ? cache.read(`coalition-totals/donor/${principal.donorId}`, (db) =>
            suppressCoalition(coalitionTotals(db), donorReach(db, principal.donorId)),
          )
        : cache.read("coalition-totals/whole", (db) => wholeCoalition(coalitionTotals(db)))))!;
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
      preHandler: requireRole("donor", "auditor"),
      schema: {
        tags: ["attribution"],
        summary: "Where a donor's funds went, fund by fund",
        params: z.object({ donorId: DonorIdSchema }),
        querystring: FormatQuerySchema,
        response: { 200: DonorAttributionSchema },
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
        if (attribution === undefined) return undefined;
        return suppressed ? suppressAttribution(attribution) : wholeAttribution(attribution);
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
      if (filter.cboId) assertActsFor(principal, filter.cboId, "a CBO key reads only flags involving its own CBO");
      if (principal.role === "cbo") filter.cboId = principal.cboId;
      const found = flags(readModel.db(), filter);
      // Not cached: filters make many keys, and the whole coalition's flags can be large.
      return respond(reply, format, { value: { flags: found } }, { name: "flags", columns: flagColumns, rows: found });
    },
  );
}

import { StateCodeSchema } from "@relief-ledger/domain";
import { doc, keyOptionalWhen, principalOf, requireRole, unauthorized, type RoutesPlugin } from "@relief-ledger/http";
import { cboDirectory, stateValueCells } from "@relief-ledger/projections";
import { z } from "zod";
import type { QueryDeps } from "../deps.js";
import { readModelCache } from "../read-model-cache.js";
import { FormatQuerySchema, respond } from "../respond.js";
import { cboDirectoryColumns, stateValueColumns } from "../tables.js";
import { CboDirectorySchema, StateValueSchema } from "../read-schemas.js";

const MeSchema = z.object({
  role: z.enum(["admin", "cbo", "donor", "auditor", "witness"]),
  keyId: z.string(),
  cboId: z.string().optional(),
  donorId: z.string().optional(),
});

/**
 * Who a key is, the CBOs' directory and the value by state: what pages need to greet a caller,
 * name CBOs and draw the map. `publicCoalition` lets anyone read the coalition-level views (the
 * directory and the value by state hold no person count, so nothing is suppressed here).
 */
export const directoryRoutes: RoutesPlugin<QueryDeps> = async (app, { readModel, publicCoalition }) => {
  const cache = readModelCache(readModel);
  const coalitionReaders = publicCoalition ? undefined : requireRole("admin", "cbo", "donor", "auditor");

  app.get(
    "/v1/me",
    {
      schema: doc("keys", "The role and scope of the presented key (never the key)", {
        response: { 200: MeSchema },
      }),
    },
    async (request) => {
      if (!request.principal) throw unauthorized();
      return principalOf(request);
    },
  );

  app.get(
    "/v1/cbos",
    {
      preHandler: coalitionReaders,
      schema: doc("totals", "Every registered CBO: name, state, district", {
        ...keyOptionalWhen(publicCoalition),
        querystring: FormatQuerySchema,
        response: { 200: CboDirectorySchema },
      }),
    },
    async (request, reply) => {
      const shown = (await cache.read("cbo-directory", (db) => ({ cbos: cboDirectory(db) })))!;
      return respond(reply, request.query.format, shown, {
        name: "cbos",
        columns: cboDirectoryColumns,
        rows: shown.value.cbos,
      });
    },
  );

  app.get(
    "/v1/totals/states",
    {
      preHandler: coalitionReaders,
      schema: doc("totals", "Value distributed by state, service and month (money only: no counts)", {
        ...keyOptionalWhen(publicCoalition),
        querystring: FormatQuerySchema.extend({ state: StateCodeSchema.optional() }),
        response: { 200: StateValueSchema },
      }),
    },
    async (request, reply) => {
      const all = (await cache.read("state-cells", (db) => ({ cells: stateValueCells(db) })))!;
      const { state } = request.query;
      const shown = state ? { value: { cells: all.value.cells.filter((c) => c.state === state) } } : all;
      return respond(reply, request.query.format, shown, {
        name: state ? `value-by-state-${state}` : "value-by-state",
        columns: stateValueColumns,
        rows: shown.value.cells,
      });
    },
  );
};

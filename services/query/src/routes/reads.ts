import { FlagIdSchema } from "@relief-ledger/domain";
import {
  doc,
  notFound,
  keyOptionalWhen,
  ownerParams,
  principalOf,
  refusals,
  requireOwner,
  requireRole,
  type Principal,
  type Role,
  type RouteDoc,
  type RoutesPlugin,
  type ScopeField,
} from "@relief-ledger/http";
import {
  cboTotals,
  coalitionTotals,
  donorAttribution,
  donorReach,
  earlierDistributions,
  flagById,
  flagOutcomes,
  flagPage,
  flagWindow,
  suppressAttribution,
  suppressCoalition,
  wholeAttribution,
  wholeCoalition,
} from "@relief-ledger/projections";
import type { Database } from "better-sqlite3";
import { z } from "zod";
import type { QueryDeps } from "../deps.js";
import { readModelCache } from "../read-model-cache.js";
import { PageQuerySchema, readPage } from "../paging.js";
import { FormatQuerySchema, respond, type CsvTable } from "../respond.js";
import { CoalitionTotalsSchema, DonorAttributionSchema } from "../donor-schemas.js";
import {
  CboTotalsSchema,
  FlagEvidenceSchema,
  FlagOutcomesSchema,
  FlagPageSchema,
  FlagSchema,
} from "../read-schemas.js";
import { FlagFilterQuery, flagFilterFor, readableFlag } from "../flag-schemas.js";
import { cboCellColumns, coalitionCellColumns, flagColumns, fundCellColumns, fundRows } from "../tables.js";

/** The owner a path names, by its one parameter: `/v1/cbos/:cboId/totals` names a CBO by cboId. */
const ownerIn = <Owner extends ScopeField>(url: `/v1/${string}/:${Owner}/${string}`): Owner =>
  url
    .split("/")
    .find((part) => part.startsWith(":"))!
    .slice(1) as Owner;

/**
 * Role-scoped reads. Donors see small cells suppressed by the one rule in the projections package
 * (docs/privacy.md); auditors see them whole, in the same shape.
 * Totals and attribution are cached per read-model checkpoint, keyed by what the caller may see
 * (never by who asks: the role checks run first, on every request).
 */
export const readRoutes: RoutesPlugin<QueryDeps> = async (app, { readModel, publicCoalition }) => {
  const cache = readModelCache(readModel);
  /**
   * An owner's figure (a CBO's totals, a donor's attribution) at a path naming the owner, as JSON
   * or as its table in HXL CSV: `readers` and the owner checked by requireOwner (a key scoped to
   * another owner: 403, `refusal`), read once per read-model checkpoint for each view (`view`
   * gives its cache key, which says what the caller may see, never who asks), and 404 with
   * `missing` when the ledger holds no such owner.
   */
  const ownersFigure = <Owner extends ScopeField, Value, Row>(figure: {
    url: `/v1/${string}/:${Owner}/${string}`;
    readers: [Role, ...Role[]];
    refusal: string;
    doc: RouteDoc & { response: { 200: z.ZodType<Value> } };
    view: (ownerId: string, reader: Principal) => { key: string; read: (db: Database) => Value | undefined };
    missing: string;
    table: (value: Value, ownerId: string) => CsvTable<Row>;
  }): void => {
    const owner = ownerIn(figure.url);
    const { response, ...words } = figure.doc;
    app.get(
      figure.url,
      {
        ...requireOwner(owner, figure.readers, figure.refusal),
        schema: {
          ...words,
          params: ownerParams(owner),
          querystring: FormatQuerySchema,
          response: { ...response, ...refusals(404) },
        },
      },
      async (request, reply) => {
        const ownerId = (request.params as Record<Owner, string>)[owner];
        const { key, read } = figure.view(ownerId, principalOf(request));
        const shown = await cache.read(key, read);
        if (!shown) throw notFound(figure.missing);
        return respond(reply, request.query.format, shown, figure.table(shown.value, ownerId));
      },
    );
  };

  ownersFigure({
    url: "/v1/cbos/:cboId/totals",
    readers: ["cbo", "auditor"],
    refusal: "a CBO key reads only its own CBO's totals",
    doc: doc("totals", "A CBO's totals by service and month", { response: { 200: CboTotalsSchema } }),
    view: (cboId) => ({ key: `cbo-totals/${cboId}`, read: (db) => cboTotals(db, cboId) }),
    missing: "no such CBO in the ledger",
    table: (totals, cboId) => ({ name: `totals-${cboId}`, columns: cboCellColumns(totals), rows: totals.cells }),
  });

  app.get(
    "/v1/totals",
    {
      // Every role's landing page; public when the operator says so. Only auditors see small cells.
      onRequest: publicCoalition ? undefined : requireRole("admin", "cbo", "donor", "auditor"),
      schema: doc("totals", "Coalition totals by service and month", {
        ...keyOptionalWhen(publicCoalition),
        querystring: FormatQuerySchema,
        response: { 200: CoalitionTotalsSchema },
      }),
    },
    async (request, reply) => {
      const principal = request.principal;
      // What a caller may see depends on the counts it already knows and could subtract: a donor its
      // own reach, a CBO its own cells. So each has its own view; the coalition always has totals
      // (zeros before anything is recorded).
      const shown = (await (principal?.role === "auditor"
        ? cache.read("coalition-totals/whole", (db) => wholeCoalition(coalitionTotals(db)))
        : principal?.role === "donor"
          ? cache.read(`coalition-totals/donor/${principal.donorId}`, (db) =>
              suppressCoalition(coalitionTotals(db), donorReach(db, principal.donorId)),
            )
          : principal?.role === "cbo"
            ? cache.read(`coalition-totals/cbo/${principal.cboId}`, (db) =>
                suppressCoalition(coalitionTotals(db), cboTotals(db, principal.cboId)?.cells ?? []),
              )
            : cache.read("coalition-totals/public", (db) => suppressCoalition(coalitionTotals(db), []))))!;
      return respond(reply, request.query.format, shown, {
        name: "coalition-totals",
        columns: coalitionCellColumns,
        rows: shown.value.cells,
      });
    },
  );

  ownersFigure({
    url: "/v1/donors/:donorId/attribution",
    readers: ["donor", "auditor"],
    refusal: "a donor key reads only its own attribution",
    doc: doc("attribution", "Where a donor's funds went, fund by fund", { response: { 200: DonorAttributionSchema } }),
    // A donor key reads its own through the small-cell rule; an auditor's reads any donor's whole.
    view: (donorId, reader) => {
      const suppressed = reader.role === "donor";
      return {
        key: `attribution/${donorId}/${suppressed ? "suppressed" : "whole"}`,
        read: (db) => {
          const attribution = donorAttribution(db, donorId);
          if (attribution === undefined) return undefined;
          return suppressed ? suppressAttribution(attribution) : wholeAttribution(attribution);
        },
      };
    },
    missing: "no such donor in the ledger",
    table: (shown, donorId) => ({
      name: `attribution-${donorId}`,
      columns: fundCellColumns,
      rows: fundRows(shown.funds),
    }),
  });

  app.get(
    "/v1/flags",
    {
      onRequest: requireRole("cbo", "auditor"),
      schema: doc(
        "flags",
        "Suspected duplicate benefits, a page at a time, each with its window and how many it holds",
        {
          description:
            "Pages by date then flagId: pass nextCursor back as cursor for the next page (null on the last). " +
            "A flag's earlier distributions are paged at /v1/flags/{flagId}/earlier. In CSV the next cursor is " +
            "the Next-Cursor header.",
          querystring: FormatQuerySchema.merge(PageQuerySchema).extend({
            ...FlagFilterQuery.shape,
            status: z.enum(["open", "resolved"]).optional(),
            order: z
              .enum(["oldest", "newest"])
              .default("oldest")
              .describe("by date then flagId, oldest or newest first; send the same order with a cursor"),
          }),
          response: { 200: FlagPageSchema },
        },
      ),
    },
    async (request, reply) => {
      const { format, cursor, limit, order, ...asked } = request.query;
      const filter = flagFilterFor(principalOf(request), asked);
      const page = readPage(() => flagPage(readModel.db(), filter, { limit, ...(cursor && { cursor }) }, order));
      // Not cached: filters and cursors make many keys; a page is small and read by an index.
      if (page.nextCursor !== null) void reply.header("next-cursor", page.nextCursor);
      return respond(
        reply,
        format,
        { value: { flags: page.items, nextCursor: page.nextCursor } },
        { name: "flags", columns: flagColumns, rows: page.items },
      );
    },
  );

  app.get(
    "/v1/flags/outcomes",
    {
      onRequest: requireRole("cbo", "auditor"),
      schema: doc(
        "flags",
        "Flags matching the filter, counted per month (of the flagged distribution) as open, confirmed, dismissed",
        {
          querystring: FlagFilterQuery,
          response: { 200: FlagOutcomesSchema },
        },
      ),
    },
    async (request) => ({ months: flagOutcomes(readModel.db(), flagFilterFor(principalOf(request), request.query)) }),
  );

  app.get(
    "/v1/flags/:flagId",
    {
      onRequest: requireRole("cbo", "auditor"),
      schema: doc(
        "flags",
        "One flag: its person's pseudonymous id, service, window, the policy that raised it, and its resolution",
        {
          params: z.object({ flagId: FlagIdSchema }),
          response: { 200: FlagSchema, ...refusals(404) },
        },
      ),
    },
    async (request) => readableFlag(principalOf(request), flagById(readModel.db(), request.params.flagId)),
  );

  app.get(
    "/v1/flags/:flagId/earlier",
    {
      onRequest: requireRole("cbo", "auditor"),
      schema: doc(
        "flags",
        "A flag's evidence: the person's earlier distributions of the service in its window, oldest first",
        {
          params: z.object({ flagId: FlagIdSchema }),
          querystring: PageQuerySchema,
          response: { 200: FlagEvidenceSchema, ...refusals(404) },
        },
      ),
    },
    async (request) => {
      const { cursor, limit } = request.query;
      const db = readModel.db();
      const flag = readableFlag(principalOf(request), flagWindow(db, request.params.flagId));
      const page = readPage(() => earlierDistributions(db, flag, { limit, ...(cursor && { cursor }) }));
      return {
        flagId: flag.flagId,
        windowOpensOn: flag.windowOpensOn,
        distributedOn: flag.distributedOn,
        earlierCount: flag.earlierCount,
        earlier: page.items,
        nextCursor: page.nextCursor,
      };
    },
  );
};

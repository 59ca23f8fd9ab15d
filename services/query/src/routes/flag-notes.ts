import { FlagIdSchema } from "@relief-ledger/domain";
import { doc, principalOf, refusals, requireRole, type RoutesPlugin } from "@relief-ledger/http";
import { flagNotes, flagWindow } from "@relief-ledger/projections";
import { z } from "zod";
import { PageQuerySchema, readPage } from "../paging.js";
import type { QueryDeps } from "../deps.js";
import { readableFlag } from "../flag-schemas.js";

const FlagNotesSchema = z
  .object({
    flagId: z.string(),
    notes: z.array(
      z.object({
        cboId: z.string().describe("the CBO that wrote it"),
        note: z.string(),
        notedAt: z.string().describe("when the ledger recorded it (ISO 8601 UTC)"),
      }),
    ),
    nextCursor: z.string().nullable().describe("pass back as cursor for the next page; null on the last"),
  })
  .describe("CBOs' notes to the auditors on a flag, oldest first");

/**
 * CBOs' notes on a flag (decision 0035): an auditor reads every CBO's, on any flag; a CBO key
 * reads only its own CBO's notes, and only on a flag that involves it, as for the flag itself.
 */
export const flagNoteRoutes: RoutesPlugin<QueryDeps> = async (app, { readModel }) => {
  app.get(
    "/v1/flags/:flagId/notes",
    {
      onRequest: requireRole("cbo", "auditor"),
      schema: doc("flags", "CBOs' notes on a flag, oldest first: all of them for an auditor, its own for a CBO", {
        params: z.object({ flagId: FlagIdSchema }),
        querystring: PageQuerySchema,
        response: { 200: FlagNotesSchema, ...refusals(404) },
      }),
    },
    async (request) => {
      const principal = principalOf(request);
      const { flagId } = request.params;
      const { cursor, limit } = request.query;
      const db = readModel.db();
      // An auditor reads every CBO's notes on any flag; a CBO its own, on a flag it may read.
      if (principal.role === "cbo") readableFlag(principal, flagWindow(db, flagId));
      const cboId = principal.role === "cbo" ? principal.cboId : undefined;
      const page = readPage(() => flagNotes(db, flagId, { ...(cboId && { cboId }), limit, ...(cursor && { cursor }) }));
      return { flagId, notes: page.items, nextCursor: page.nextCursor };
    },
  );
};

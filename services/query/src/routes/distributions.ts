import { CalendarDateSchema, ServiceSchema, SubmissionIdSchema } from "@relief-ledger/domain";
import { doc, ownerParams, requireOwner, type RoutesPlugin } from "@relief-ledger/http";
import { cboDistributionPage } from "@relief-ledger/projections";
import { z } from "zod";
import type { QueryDeps } from "../deps.js";
import { PageQuerySchema, readPage } from "../paging.js";

const FundingSchema = z.object({ kind: z.string(), fundId: z.string().optional(), scheme: z.string().optional() });

const CboDistributionPageSchema = z.object({
  distributions: z.array(
    z.object({
      distributionId: z.string(),
      submissionId: z.string(),
      service: z.string(),
      distributedOn: z.string(),
      quantity: z.int(),
      valuePaise: z.int(),
      funding: FundingSchema,
      district: z.string().nullable(),
      status: z.enum(["recorded", "voided"]),
      position: z.string(),
    }),
  ),
  nextCursor: z.string().nullable().describe("pass back as cursor for the next page; null on the last"),
});

/** A CBO's own distributions, for its desk: pseudonymous, newest first, a page at a time. */
export const distributionRoutes: RoutesPlugin<QueryDeps> = async (app, { readModel }) => {
  app.get(
    "/v1/cbos/:cboId/distributions",
    {
      ...requireOwner("cboId", ["cbo", "auditor"], "a CBO key reads only its own CBO's distributions"),
      schema: doc(
        "distributions",
        "A CBO's own distributions, newest first, a page at a time (no person, no pseudonym)",
        {
          description:
            "Pages by date then distributionId, newest first: pass nextCursor back as cursor. A CBO key reads only its own CBO.",
          params: ownerParams("cboId"),
          querystring: PageQuerySchema.extend({
            service: ServiceSchema.optional(),
            from: CalendarDateSchema.optional(),
            to: CalendarDateSchema.optional(),
            submissionId: SubmissionIdSchema.optional(),
            status: z.enum(["recorded", "voided"]).optional(),
          }),
          response: { 200: CboDistributionPageSchema },
        },
      ),
    },
    async (request) => {
      const { cboId } = request.params;
      const { cursor, limit, ...filter } = request.query;
      const page = readPage(() =>
        cboDistributionPage(readModel.db(), cboId, filter, { limit, ...(cursor && { cursor }) }),
      );
      return { distributions: page.items, nextCursor: page.nextCursor };
    },
  );
};

import { doc, notFound, ownerParams, principalOf, requireOwner, type RoutesPlugin } from "@relief-ledger/http";
import { iatiActivities, iatiDonor, iatiReport } from "@relief-ledger/iati";
import { suppressAttribution } from "@relief-ledger/projections";
import { z } from "zod";
import type { QueryDeps } from "../deps.js";

/**
 * A donor's funds as an IATI 2.03 activity file (docs/api.md). A donor key reads its own, through
 * the same small-cell rule as its attribution; auditors read any donor's whole.
 */
export const iatiRoutes: RoutesPlugin<QueryDeps> = async (app, { readModel, reportingOrg }) => {
  app.get(
    "/v1/donors/:donorId/iati",
    {
      ...requireOwner("donorId", ["donor", "auditor"], "a donor key reads only its own IATI file"),
      schema: doc("attribution", "A donor's funds as an IATI 2.03 activity file, one iati-activity per fund", {
        params: ownerParams("donorId"),
        response: { 200: z.string().describe("application/xml: an iati-activities document, version 2.03") },
      }),
    },
    async (request, reply) => {
      const { donorId } = request.params;
      const suppressed = principalOf(request).role === "donor";
      const report = iatiReport(readModel.db(), {
        donorId,
        reportingOrg,
        generatedAt: new Date().toISOString(),
        view: (attribution) => iatiDonor(suppressed ? suppressAttribution(attribution) : attribution),
      });
      if (!report) throw notFound("no such donor in the ledger");
      const xml = iatiActivities(report);
      if (xml === undefined) throw notFound("the donor has no funds yet, so there is no activity to report");
      return reply
        .type("application/xml; charset=utf-8")
        .header("content-disposition", `attachment; filename="iati-${donorId}.xml"`)
        .send(xml);
    },
  );
};

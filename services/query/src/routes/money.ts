import { doc, requireRole, type OpenApiTag, type RoutesPlugin } from "@relief-ledger/http";
import { cboIds, cboTotals, donorAttribution, donorIds } from "@relief-ledger/projections";
import type { Database } from "better-sqlite3";
import type { z } from "zod";
import { CboMoneySchema, DonorListSchema } from "../money-schemas.js";
import type { QueryDeps } from "../deps.js";
import { readModelCache } from "../read-model-cache.js";

/** Every donor with what it gave, attributed and has left. */
const donorList = (db: Database) => ({
  donors: donorIds(db).map((donorId) => {
    const { donor, overall } = donorAttribution(db, donorId)!;
    return { donorId, name: donor?.name ?? null, kind: donor?.kind ?? null, ...overall };
  }),
});

/** Every CBO with its value, paid by funds, unfunded and scheme-facilitated. */
const cboMoneyList = (db: Database) => ({
  cbos: cboIds(db).map((cboId) => {
    const { cbo, overall } = cboTotals(db, cboId)!;
    return { cboId, name: cbo?.name ?? null, state: cbo?.state ?? null, ...overall };
  }),
});

/**
 * Where the money went, across every donor and CBO: the auditor's view. A donor key reads only its
 * own attribution (with small cells hidden); these lists name every donor and every CBO's unfunded
 * and scheme-facilitated value, so only an auditor's key reads them (decision 0038).
 */
export const moneyRoutes: RoutesPlugin<QueryDeps> = async (app, { readModel }) => {
  const cache = readModelCache(readModel);

  /** A list only auditors read, built once per change of the read model (its URL is its cache key). */
  const auditorList = (
    url: string,
    tag: OpenApiTag,
    summary: string,
    response: z.ZodType,
    build: (db: Database) => object,
  ) =>
    app.get(
      url,
      { onRequest: requireRole("auditor"), schema: doc(tag, summary, { response: { 200: response } }) },
      async () => (await cache.read(url, build))!.value,
    );

  auditorList("/v1/donors", "attribution", "Every donor and what it gave (auditors)", DonorListSchema, donorList);
  auditorList(
    "/v1/totals/cbos",
    "totals",
    "Every CBO's value, paid by funds, unfunded and scheme-facilitated (auditors)",
    CboMoneySchema,
    cboMoneyList,
  );
};

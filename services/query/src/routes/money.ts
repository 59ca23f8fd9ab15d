import { requireRole, type RoutesPlugin } from "@relief-ledger/http";
import { cboIds, cboTotals, donorAttribution, donorIds } from "@relief-ledger/projections";
import { CboMoneySchema, DonorListSchema } from "../money-schemas.js";
import type { QueryDeps } from "../deps.js";
import { readModelCache } from "../read-model-cache.js";

/**
 * Where the money went, across every donor and CBO: the auditor's view. A donor key reads only its
 * own attribution (with small cells hidden); these lists name every donor and every CBO's unfunded
 * and scheme-facilitated value, so only an auditor's key reads them (decision 0038).
 */
export const moneyRoutes: RoutesPlugin<QueryDeps> = async (app, { readModel }) => {
  const cache = readModelCache(readModel);

  app.get(
    "/v1/donors",
    {
      onRequest: requireRole("auditor"),
      schema: {
        tags: ["attribution"],
        summary: "Every donor and what it gave (auditors)",
        response: { 200: DonorListSchema },
      },
    },
    async () => {
      const shown = (await cache.read("donor-list", (db) => ({
        donors: donorIds(db).map((donorId) => {
          const { donor, overall } = donorAttribution(db, donorId)!;
          return { donorId, name: donor?.name ?? null, kind: donor?.kind ?? null, ...overall };
        }),
      })))!;
      return shown.value;
    },
  );

  app.get(
    "/v1/totals/cbos",
    {
      onRequest: requireRole("auditor"),
      schema: {
        tags: ["totals"],
        summary: "Every CBO's value, paid by funds, unfunded and scheme-facilitated (auditors)",
        response: { 200: CboMoneySchema },
      },
    },
    async () => {
      const shown = (await cache.read("cbo-money", (db) => ({
        cbos: cboIds(db).map((cboId) => {
          const { cbo, overall } = cboTotals(db, cboId)!;
          return { cboId, name: cbo?.name ?? null, state: cbo?.state ?? null, ...overall };
        }),
      })))!;
      return shown.value;
    },
  );
};

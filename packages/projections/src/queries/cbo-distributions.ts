import type { Database } from "better-sqlite3";
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from "./page.js";
import { preparedBySql } from "./prepared.js";
import type { CboDistribution } from "../answers.js";

export type { CboDistribution } from "../answers.js";

/** Which of a CBO's distributions to list; the CBO itself is not a filter but the list's owner. */
export interface CboDistributionFilter {
  service?: string;
  /** Distributed on or after this day (YYYY-MM-DD). */
  from?: string;
  /** Distributed on or before this day. */
  to?: string;
  submissionId?: string;
  status?: "recorded" | "voided";
}

/** The answer as the table holds it: funding in three columns, voided as 0 or 1. */
type Row = Omit<CboDistribution, "funding" | "status"> & {
  fundingKind: string;
  fundId: string | null;
  scheme: string | null;
  voided: number;
};

const CONDITIONS: Record<keyof CboDistributionFilter, string> = {
  service: "service = @service",
  from: "distributed_on >= @from",
  to: "distributed_on <= @to",
  submissionId: "submission_id = @submissionId",
  status: "voided = (@status = 'voided')",
};
// Newest first: a coordinator looks for what she sent lately. The walk index serves it backwards.
const BEFORE_CURSOR = "(distributed_on, distribution_id) < (@beforeOn, @beforeId)";

const statement = preparedBySql<[Record<string, unknown>], Row>();

const listSql = (where: string) =>
  `SELECT distribution_id AS distributionId, submission_id AS submissionId, service,
     distributed_on AS distributedOn, quantity, value_paise AS valuePaise, funding_kind AS fundingKind,
     fund_id AS fundId, scheme, district, voided, position
   FROM distributions WHERE cbo_id = @cboId ${where}
   ORDER BY distributed_on DESC, distribution_id DESC LIMIT @limit`;

const toDistribution = ({ fundingKind, fundId, scheme, voided, ...row }: Row): CboDistribution => ({
  ...row,
  funding: { kind: fundingKind, ...(fundId !== null && { fundId }), ...(scheme !== null && { scheme }) },
  status: voided ? "voided" : "recorded",
});

/**
 * One page of a CBO's own distributions, newest first (by date, then id), matching every filter
 * given. Pseudonymous: no identity document, pseudonym or person appears in it.
 */
export function cboDistributionPage(
  db: Database,
  cboId: string,
  filter: CboDistributionFilter = {},
  page: PageRequest = {},
): Page<CboDistribution> {
  const limit = pageLimit(page.limit);
  const given = (Object.keys(CONDITIONS) as (keyof CboDistributionFilter)[]).filter(
    (name) => filter[name] !== undefined,
  );
  const conditions = given.map((name) => CONDITIONS[name]);
  const params: Record<string, unknown> = { cboId, ...Object.fromEntries(given.map((name) => [name, filter[name]])) };
  if (page.cursor !== undefined) {
    [params.beforeOn, params.beforeId] = decodeCursor(page.cursor, 2);
    conditions.push(BEFORE_CURSOR);
  }
  const where = conditions.map((condition) => `AND ${condition}`).join(" ");
  const rows = statement(db, listSql(where)).all({ ...params, limit: limit + 1 });
  return toPage(rows, limit, toDistribution, (row) => [row.distributedOn, row.distributionId]);
}

import type { Database } from "better-sqlite3";
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from "./page.js";
import { preparedBySql, preparedPer } from "./prepared.js";
import type { EarlierDistribution, Flag, FlagOutcomes } from "../answers.js";

export type { EarlierDistribution, Flag, FlagOutcomes } from "../answers.js";

export interface FlagFilter {
  /** Flags involving this CBO: it made the excess distribution or one earlier in the window. */
  cboId?: string;
  service?: string;
  /** Flags involving a CBO registered in this state. */
  state?: string;
  status?: "open" | "resolved";
  /** Flags whose excess distribution fell in this month, `YYYY-MM`. */
  month?: string;
  /** Flags whose window holds distributions of at least this many CBOs. */
  minCbos?: number;
}

/** The order of a list of flags: by date then flagId, oldest or newest first. */
export type FlagOrder = "oldest" | "newest";

type Row = Omit<Flag, "cboIds" | "status" | "resolution"> & {
  cboIds: string;
  verdict: string | null;
  note: string | null;
  resolvedAt: string | null;
};

const CONDITIONS: Record<keyof FlagFilter, string> = {
  cboId: "EXISTS (SELECT 1 FROM json_each(f.cbo_ids) j WHERE j.value = @cboId)",
  service: "f.service = @service",
  state: "EXISTS (SELECT 1 FROM json_each(f.cbo_ids) j JOIN cbos c ON c.cbo_id = j.value WHERE c.state = @state)",
  status: "(r.flag_id IS NOT NULL) = (@status = 'resolved')",
  month: "f.distributed_on >= @month || '-01' AND f.distributed_on <= @month || '-31'",
  minCbos: "json_array_length(f.cbo_ids) >= @minCbos",
};
const AFTER_CURSOR: Record<FlagOrder, string> = {
  oldest: "(f.distributed_on, f.flag_id) > (@afterOn, @afterId)",
  newest: "(f.distributed_on, f.flag_id) < (@afterOn, @afterId)",
};
const ORDER_BY: Record<FlagOrder, string> = {
  oldest: "f.distributed_on, f.flag_id",
  newest: "f.distributed_on DESC, f.flag_id DESC",
};

// One statement per combination of filters, cursor and order given: at most 2^8 of them per connection.
const statement = preparedBySql<[Record<string, unknown>], Row>();

const flagSql = (where: string, order: FlagOrder = "oldest") =>
  `SELECT f.flag_id AS flagId, f.person_id AS personId, f.service, f.distributed_on AS distributedOn,
     f.cbo_id AS cboId, f.cbo_ids AS cboIds, f.window_opens_on AS windowOpensOn,
     f.earlier_count AS earlierCount, f.window_days AS windowDays, f.max_per_window AS maxPerWindow,
     r.verdict, r.note, r.resolved_at AS resolvedAt
   FROM flags f LEFT JOIN flag_resolutions r USING (flag_id) ${where}
   ORDER BY ${ORDER_BY[order]} LIMIT @limit`;

const toFlag = ({ cboIds, verdict, note, resolvedAt, ...flag }: Row): Flag => ({
  ...flag,
  cboIds: JSON.parse(cboIds) as string[],
  status: verdict === null ? "open" : "resolved",
  resolution: verdict === null ? null : { verdict, note: note ?? "", resolvedAt: resolvedAt ?? "" },
});

/**
 * One page of the current duplicate-benefit flags matching every filter given, by date then
 * flagId. A page holds at most `limit` flags (default 100, at most 1,000), each of a fixed size.
 */
export function flagPage(
  db: Database,
  filter: FlagFilter = {},
  page: PageRequest = {},
  order: FlagOrder = "oldest",
): Page<Flag> {
  const limit = pageLimit(page.limit);
  const { conditions, params } = filterSql(filter);
  if (page.cursor !== undefined) {
    [params.afterOn, params.afterId] = decodeCursor(page.cursor, 2);
    conditions.push(AFTER_CURSOR[order]);
  }
  const where = conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
  const rows = statement(db, flagSql(where, order)).all({ ...params, limit: limit + 1 });
  return toPage(rows, limit, toFlag, (row) => [row.distributedOn, row.flagId]);
}

function filterSql(filter: FlagFilter): { conditions: string[]; params: Record<string, unknown> } {
  const given = (Object.keys(CONDITIONS) as (keyof FlagFilter)[]).filter((name) => filter[name] !== undefined);
  const params: Record<string, unknown> = Object.fromEntries(given.map((name) => [name, filter[name]]));
  return { conditions: given.map((name) => CONDITIONS[name]), params };
}

/** One flag as the list shows it, resolution included; undefined for a flag that does not exist now. */
export function flagById(db: Database, flagId: string): Flag | undefined {
  const row = statement(db, flagSql("WHERE f.flag_id = @flagId")).get({ flagId, limit: 1 });
  return row && toFlag(row);
}

const outcomesStatement = preparedBySql<[Record<string, unknown>], FlagOutcomes>();

/**
 * Flags matching the filter (its status aside), counted per month and outcome, oldest month first.
 * One row per month with flags: as many rows as the ledger has months, whatever the number of flags.
 */
export function flagOutcomes(db: Database, filter: Omit<FlagFilter, "status"> = {}): FlagOutcomes[] {
  const { conditions, params } = filterSql({ ...filter, status: undefined });
  const where = conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
  return outcomesStatement(
    db,
    `SELECT substr(f.distributed_on, 1, 7) AS month, SUM(r.flag_id IS NULL) AS open,
       SUM(r.verdict IS 'confirmed') AS confirmed, SUM(r.verdict IS 'dismissed') AS dismissed
     FROM flags f LEFT JOIN flag_resolutions r USING (flag_id) ${where}
     GROUP BY month ORDER BY month`,
  ).all(params);
}

/** Every flag matching the filter, read a page at a time: for reports, which hold them all anyway. */
export function flags(db: Database, filter: FlagFilter = {}): Flag[] {
  const all: Flag[] = [];
  let cursor: string | undefined;
  do {
    const page = flagPage(db, filter, { limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

/** What a flag is, enough to find its window; undefined for a flag that does not exist now. */
export interface FlagWindow {
  flagId: string;
  personId: string;
  service: string;
  distributedOn: string;
  windowOpensOn: string;
  earlierCount: number;
  cboIds: string[];
}

const windows = preparedPer((db) => ({
  flag: db.prepare<[string], Omit<FlagWindow, "cboIds"> & { cboIds: string }>(
    `SELECT flag_id AS flagId, person_id AS personId, service, distributed_on AS distributedOn,
       window_opens_on AS windowOpensOn, earlier_count AS earlierCount, cbo_ids AS cboIds FROM flags WHERE flag_id = ?`,
  ),
  // The window by reference: the same person's counted distributions of the service, from the
  // day it opens up to the flagged one (excluded), in the order the rule counts them.
  earlier: db.prepare<
    [
      {
        personId: string;
        service: string;
        opensOn: string;
        flagOn: string;
        flagId: string;
        afterOn: string;
        afterId: string;
        limit: number;
      },
    ],
    EarlierDistribution
  >(
    `SELECT distribution_id AS distributionId, distributed_on AS distributedOn, cbo_id AS cboId,
       value_paise AS valuePaise, funding_kind AS fundingKind, fund_id AS fundId, scheme
     FROM distributions
     WHERE person_id = @personId AND service = @service AND voided = 0
       AND distributed_on >= @opensOn AND (distributed_on, distribution_id) < (@flagOn, @flagId)
       AND (distributed_on, distribution_id) > (@afterOn, @afterId)
     ORDER BY distributed_on, distribution_id LIMIT @limit`,
  ),
}));

export function flagWindow(db: Database, flagId: string): FlagWindow | undefined {
  const row = windows(db).flag.get(flagId);
  return row && { ...row, cboIds: JSON.parse(row.cboIds) as string[] };
}

/** One page of the distributions before a flag in its window, oldest first: the flag's evidence. */
export function earlierDistributions(
  db: Database,
  flag: FlagWindow,
  page: PageRequest = {},
): Page<EarlierDistribution> {
  const limit = pageLimit(page.limit);
  const [afterOn, afterId] = page.cursor === undefined ? ["", ""] : decodeCursor(page.cursor, 2);
  const rows = windows(db).earlier.all({
    personId: flag.personId,
    service: flag.service,
    opensOn: flag.windowOpensOn,
    flagOn: flag.distributedOn,
    flagId: flag.flagId,
    afterOn: afterOn!,
    afterId: afterId!,
    limit: limit + 1,
  });
  return toPage(
    rows,
    limit,
    (row) => row,
    (row) => [row.distributedOn, row.distributionId],
  );
}

import type { Database } from "better-sqlite3";
import { compareKeys, type Dirty, type WalkKey } from "../dirty.js";
import { allocate, type Allocation, type WalkFund } from "./allocate.js";

// Pages bound memory: a walk may cover a CBO's whole history.
const PAGE = 1_000;

interface WalkRow {
  distribution_id: string;
  distributed_on: string;
  service: string;
  value_paise: number;
  funding_kind: string;
  fund_id: string | null;
  voided: number;
  /** Its allocations as stored: "fundId:paise" joined by ",", in fundId order (fund ids are UUIDs). */
  allocated: string | null;
}

// Allocations come with each row, read in the same statement rather than by one query per row.
const ROW = `distribution_id, distributed_on, service, value_paise, funding_kind, fund_id, voided,
  (SELECT group_concat(a.fund_id || ':' || a.paise, ',' ORDER BY a.fund_id) FROM allocations a
   WHERE a.distribution_id = distributions.distribution_id) AS allocated`;
const ORDER = "ORDER BY distributed_on, distribution_id LIMIT ?";

const walkStatements = (db: Database) => ({
  funds: db.prepare<
    [string],
    { fund_id: string; amount_paise: number; restricted_to: string | null; spent: number; known: number }
  >(
    `SELECT f.fund_id, f.amount_paise, f.restricted_to, COALESCE(t.attributed_paise, 0) AS spent,
       t.fund_id IS NOT NULL AS known
     FROM funds f LEFT JOIN fund_totals t USING (fund_id) WHERE f.cbo_id = ? ORDER BY f.received_on, f.fund_id`,
  ),
  spentFrom: db.prepare<[string, string, string], { fundId: string; paise: number }>(
    `SELECT a.fund_id AS fundId, SUM(a.paise) AS paise FROM distributions d JOIN allocations a USING (distribution_id)
     WHERE d.cbo_id = ? AND (d.distributed_on, d.distribution_id) >= (?, ?) GROUP BY a.fund_id`,
  ),
  pageFrom: db.prepare<[string, string, string, number], WalkRow>(
    `SELECT ${ROW} FROM distributions WHERE cbo_id = ? AND (distributed_on, distribution_id) >= (?, ?) ${ORDER}`,
  ),
  pageAfter: db.prepare<[string, string, string, number], WalkRow>(
    `SELECT ${ROW} FROM distributions WHERE cbo_id = ? AND (distributed_on, distribution_id) > (?, ?) ${ORDER}`,
  ),
  clear: db.prepare<[string]>("DELETE FROM allocations WHERE distribution_id = ?"),
  insert: db.prepare<[string, string, number]>("INSERT INTO allocations VALUES (?, ?, ?)"),
});

const parseAllocated = (allocated: string | null): Allocation[] =>
  allocated === null
    ? []
    : allocated.split(",").map((entry) => {
        const [fundId, paise] = entry.split(":");
        return { fundId: fundId!, paise: Number(paise) };
      });

const same = (a: Allocation[], b: Allocation[]): boolean =>
  a.length === b.length && a.every((x, i) => x.fundId === b[i]!.fundId && x.paise === b[i]!.paise);

/** A CBO's walk: from its earliest change, and `until` its latest changed distribution (null: none). */
export interface WalkRange {
  from: WalkKey;
  until: WalkKey | null;
}

/**
 * Re-walks a CBO's distributions from `from` in (distributedOn, distributionId) order, with each
 * fund's balance as the distributions before `from` left it, and rewrites what changed.
 */
export function createWalker(db: Database): (cboId: string, range: WalkRange, dirty: Dirty) => void {
  const q = walkStatements(db);
  return (cboId, range, dirty) => walkCbo(q, cboId, range, dirty);
}

const equalBalances = (a: Map<string, number>, b: Map<string, number>): boolean =>
  [...a].every(([fundId, paise]) => b.get(fundId) === paise);

/**
 * The walk also replays the stored allocations beside the new ones. Past `until` no row changed,
 * so once both leave every fund with the same balance, every later row would be allocated as it
 * is stored: the walk stops there instead of running to the end of the CBO's history.
 */
function walkCbo(q: ReturnType<typeof walkStatements>, cboId: string, range: WalkRange, dirty: Dirty): void {
  const { from, until } = range;
  const funds: WalkFund[] = [];
  const balances = new Map<string, number>();
  const known = new Set<string>();
  for (const fund of q.funds.all(cboId)) {
    if (fund.known === 1) known.add(fund.fund_id);
    funds.push({
      fundId: fund.fund_id,
      restrictedTo: fund.restricted_to === null ? null : (JSON.parse(fund.restricted_to) as string[]),
    });
    balances.set(fund.fund_id, fund.amount_paise - fund.spent);
  }
  // What the walk will redo is given back first: a fund's balance before `from` is its amount less
  // everything it paid (its last summary) plus what it paid from `from` on. Summing the suffix,
  // which the walk reads anyway, keeps a walk's cost to what it re-walks, however long the history.
  for (const spent of q.spentFrom.all(cboId, from[0], from[1])) {
    balances.set(spent.fundId, (balances.get(spent.fundId) ?? 0) + spent.paise);
  }
  // A fund new in this batch (never summarised) had nothing to give in the stored walk.
  const stored = new Map([...balances].map(([fundId, paise]) => [fundId, known.has(fundId) ? paise : 0]));
  const rewalk = (row: WalkRow): boolean => {
    const next =
      row.voided === 1
        ? []
        : allocate(
            { service: row.service, valuePaise: row.value_paise, fundingKind: row.funding_kind, fundId: row.fund_id },
            funds,
            balances,
          ).sort((a, b) => (a.fundId < b.fundId ? -1 : 1));
    const previous = parseAllocated(row.allocated);
    for (const { fundId, paise } of previous) stored.set(fundId, (stored.get(fundId) ?? 0) - paise);
    if (!same(previous, next)) {
      q.clear.run(row.distribution_id);
      for (const { fundId, paise } of next) q.insert.run(row.distribution_id, fundId, paise);
      // A CBO is walked once a batch, so this is what the last batch left.
      if (!dirty.allocated.has(row.distribution_id)) dirty.allocated.set(row.distribution_id, previous);
      for (const { fundId } of [...previous, ...next]) dirty.funds.add(fundId);
    }
    const pastChanges = until === null || compareKeys([row.distributed_on, row.distribution_id], until) >= 0;
    return pastChanges && equalBalances(balances, stored);
  };
  for (let rows = q.pageFrom.all(cboId, from[0], from[1], PAGE); rows.length > 0;) {
    if (rows.some(rewalk)) return;
    const last = rows.at(-1)!;
    rows = rows.length < PAGE ? [] : q.pageAfter.all(cboId, last.distributed_on, last.distribution_id, PAGE);
  }
}

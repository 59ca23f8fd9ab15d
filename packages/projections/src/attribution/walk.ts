import type { Database } from "better-sqlite3";
import type { Dirty, WalkKey } from "../dirty.js";
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
}

const ROW = "distribution_id, distributed_on, service, value_paise, funding_kind, fund_id, voided";
const ORDER = "ORDER BY distributed_on, distribution_id LIMIT ?";

const walkStatements = (db: Database) => ({
  funds: db.prepare<[string], { fund_id: string; amount_paise: number; restricted_to: string | null }>(
    "SELECT fund_id, amount_paise, restricted_to FROM funds WHERE cbo_id = ? ORDER BY received_on, fund_id",
  ),
  spentBefore: db.prepare<[string, string, string], { fundId: string; paise: number }>(
    `SELECT a.fund_id AS fundId, SUM(a.paise) AS paise FROM allocations a JOIN distributions d USING (distribution_id)
     WHERE d.cbo_id = ? AND (d.distributed_on, d.distribution_id) < (?, ?) GROUP BY a.fund_id`,
  ),
  pageFrom: db.prepare<[string, string, string, number], WalkRow>(
    `SELECT ${ROW} FROM distributions WHERE cbo_id = ? AND (distributed_on, distribution_id) >= (?, ?) ${ORDER}`,
  ),
  pageAfter: db.prepare<[string, string, string, number], WalkRow>(
    `SELECT ${ROW} FROM distributions WHERE cbo_id = ? AND (distributed_on, distribution_id) > (?, ?) ${ORDER}`,
  ),
  allocationsOf: db.prepare<[string], Allocation>(
    "SELECT fund_id AS fundId, paise FROM allocations WHERE distribution_id = ? ORDER BY fund_id",
  ),
  clear: db.prepare<[string]>("DELETE FROM allocations WHERE distribution_id = ?"),
  insert: db.prepare<[string, string, number]>("INSERT INTO allocations VALUES (?, ?, ?)"),
});

const same = (a: Allocation[], b: Allocation[]): boolean =>
  a.length === b.length && a.every((x, i) => x.fundId === b[i]!.fundId && x.paise === b[i]!.paise);

/**
 * Re-walks a CBO's distributions from `from` in (distributedOn, distributionId) order, with each
 * fund's balance as the distributions before `from` left it, and rewrites what changed.
 */
export function createWalker(db: Database): (cboId: string, from: WalkKey, dirty: Dirty) => void {
  const q = walkStatements(db);
  return (cboId, from, dirty) => walkCbo(q, cboId, from, dirty);
}

function walkCbo(q: ReturnType<typeof walkStatements>, cboId: string, from: WalkKey, dirty: Dirty): void {
  const funds: WalkFund[] = [];
  const balances = new Map<string, number>();
  for (const fund of q.funds.all(cboId)) {
    funds.push({
      fundId: fund.fund_id,
      restrictedTo: fund.restricted_to === null ? null : JSON.parse(fund.restricted_to),
    });
    balances.set(fund.fund_id, fund.amount_paise);
  }
  for (const spent of q.spentBefore.all(cboId, from[0], from[1])) {
    balances.set(spent.fundId, (balances.get(spent.fundId) ?? 0) - spent.paise);
  }
  const rewalk = (row: WalkRow) => {
    const next =
      row.voided === 1
        ? []
        : allocate(
            { service: row.service, valuePaise: row.value_paise, fundingKind: row.funding_kind, fundId: row.fund_id },
            funds,
            balances,
          ).sort((a, b) => (a.fundId < b.fundId ? -1 : 1));
    const previous = q.allocationsOf.all(row.distribution_id);
    if (same(previous, next)) return;
    q.clear.run(row.distribution_id);
    for (const { fundId, paise } of next) q.insert.run(row.distribution_id, fundId, paise);
    dirty.allocated.add(row.distribution_id);
    for (const { fundId } of [...previous, ...next]) dirty.funds.add(fundId);
  };
  for (let rows = q.pageFrom.all(cboId, from[0], from[1], PAGE); rows.length > 0;) {
    rows.forEach(rewalk);
    const last = rows.at(-1)!;
    rows = rows.length < PAGE ? [] : q.pageAfter.all(cboId, last.distributed_on, last.distribution_id, PAGE);
  }
}

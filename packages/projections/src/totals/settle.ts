import type { Database } from "better-sqlite3";
import type { Dirty } from "../dirty.js";
import { measureValues, measuresOf, type Measures } from "./schema.js";

type Cell = { cbo_id: string; service: string; month: string };

const totalsStatements = (db: Database) => ({
  cellOf: db.prepare<[string], Cell>("SELECT cbo_id, service, month FROM distributions WHERE distribution_id = ?"),
  cellsOfPerson: db.prepare<[string], Cell>(
    "SELECT DISTINCT cbo_id, service, month FROM distributions WHERE person_id = ?",
  ),
  fundMonth: db.prepare<[string], { cbo_id: string; month: string }>(
    "SELECT cbo_id, month FROM funds WHERE fund_id = ?",
  ),
  cboCell: db.prepare<[string, string, string], Measures>(measuresOf("cbo_id = ? AND service = ? AND month = ?")),
  saveCboCell: db.prepare("INSERT OR REPLACE INTO cbo_cells VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
  dropCboCell: db.prepare("DELETE FROM cbo_cells WHERE cbo_id = ? AND service = ? AND month = ?"),
  received: db.prepare<[string, string], { funds: number; amount: number }>(
    "SELECT COUNT(*) AS funds, COALESCE(SUM(amount_paise), 0) AS amount FROM funds WHERE cbo_id = ? AND month = ?",
  ),
  saveReceived: db.prepare("INSERT OR REPLACE INTO cbo_funds_received VALUES (?, ?, ?, ?)"),
  dropReceived: db.prepare("DELETE FROM cbo_funds_received WHERE cbo_id = ? AND month = ?"),
  cbo: db.prepare<[string], Measures>(measuresOf("cbo_id = ?")),
  cboReceived: db.prepare<[string], { funds: number; amount: number }>(
    "SELECT COUNT(*) AS funds, COALESCE(SUM(amount_paise), 0) AS amount FROM funds WHERE cbo_id = ?",
  ),
  saveCbo: db.prepare("INSERT OR REPLACE INTO cbo_overall VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
  dropCbo: db.prepare("DELETE FROM cbo_overall WHERE cbo_id = ?"),
  coalitionCell: db.prepare<[string, string], Measures>(measuresOf("service = ? AND month = ?")),
  saveCoalitionCell: db.prepare("INSERT OR REPLACE INTO coalition_cells VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
  dropCoalitionCell: db.prepare("DELETE FROM coalition_cells WHERE service = ? AND month = ?"),
});

type TotalsStatements = ReturnType<typeof totalsStatements>;

const key = (...parts: string[]): string => JSON.stringify(parts);
const parts = (key: string): [string, string, string] => JSON.parse(key);

/** The cells a batch touched: those of its counted, voided and re-allocated distributions and changed persons. */
function touchedCells(q: TotalsStatements, dirty: Dirty) {
  const cells = new Set<string>();
  const months = new Set<string>();
  for (const id of [...dirty.counted, ...dirty.allocated]) {
    const cell = q.cellOf.get(id);
    if (cell) cells.add(key(cell.cbo_id, cell.service, cell.month));
  }
  for (const person of dirty.persons) {
    for (const cell of q.cellsOfPerson.all(person)) cells.add(key(cell.cbo_id, cell.service, cell.month));
  }
  for (const fundId of dirty.funds) {
    const fund = q.fundMonth.get(fundId);
    if (fund) months.add(key(fund.cbo_id, fund.month));
  }
  return { cells, months };
}

function settle(q: TotalsStatements, dirty: Dirty): void {
  const { cells, months } = touchedCells(q, dirty);
  const cbos = new Set<string>();
  const coalition = new Set<string>();
  for (const cell of cells) {
    const [cboId, service, month] = parts(cell);
    const m = q.cboCell.get(cboId, service, month)!;
    if (m.distributions === 0) q.dropCboCell.run(cboId, service, month);
    else q.saveCboCell.run(cboId, service, month, ...measureValues(m));
    cbos.add(cboId);
    coalition.add(key(service, month));
  }
  for (const entry of months) {
    const [cboId, month] = parts(entry);
    const r = q.received.get(cboId, month)!;
    if (r.funds === 0) q.dropReceived.run(cboId, month);
    else q.saveReceived.run(cboId, month, r.funds, r.amount);
    cbos.add(cboId);
  }
  for (const cboId of cbos) {
    const m = q.cbo.get(cboId)!;
    const r = q.cboReceived.get(cboId)!;
    if (m.distributions === 0 && r.funds === 0) q.dropCbo.run(cboId);
    else q.saveCbo.run(cboId, ...measureValues(m), r.funds, r.amount);
  }
  for (const entry of coalition) {
    const [service, month] = parts(entry);
    const m = q.coalitionCell.get(service, month)!;
    if (m.distributions === 0) q.dropCoalitionCell.run(service, month);
    else q.saveCoalitionCell.run(service, month, ...measureValues(m));
  }
}

/** Recomputes, from the base rows, every total a batch touched. */
export function createTotalsSettler(db: Database): (dirty: Dirty) => void {
  const q = totalsStatements(db);
  return (dirty) => settle(q, dirty);
}

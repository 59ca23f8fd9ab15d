import type { Database } from "better-sqlite3";

/** Funds received per CBO and month, and per CBO on its overall row, recomputed for the funds a batch added. */
export function createFundsReceived(db: Database): (funds: Iterable<string>) => void {
  const q = {
    fundMonth: db.prepare<[string], { cbo_id: string; month: string }>(
      "SELECT cbo_id, month FROM funds WHERE fund_id = ?",
    ),
    // safeIntegers: SQLite sums integers exactly, and the sum reaches the row as a BigInt, unrounded.
    received: db
      .prepare<[string, string], { funds: bigint; amount: bigint }>(
        "SELECT COUNT(*) AS funds, COALESCE(SUM(amount_paise), 0) AS amount FROM funds WHERE cbo_id = ? AND month = ?",
      )
      .safeIntegers(),
    saveReceived: db.prepare("INSERT OR REPLACE INTO cbo_funds_received VALUES (?, ?, ?, ?)"),
    cboReceived: db
      .prepare<[string], { funds: bigint; amount: bigint }>(
        "SELECT COUNT(*) AS funds, COALESCE(SUM(amount_paise), 0) AS amount FROM funds WHERE cbo_id = ?",
      )
      .safeIntegers(),
    saveCbo: db.prepare(
      `INSERT INTO cbo_overall VALUES (?, 0, 0, 0, 0, 0, 0, ?, ?)
       ON CONFLICT (cbo_id) DO UPDATE SET funds = excluded.funds, received_paise = excluded.received_paise`,
    ),
  };
  // Funds are never removed, so a CBO with a fund always has a row: nothing here empties one.
  return (funds) => {
    const cbos = new Set<string>();
    const months = new Map<string, { cboId: string; month: string }>();
    for (const fundId of funds) {
      const fund = q.fundMonth.get(fundId);
      if (fund) months.set(`${fund.cbo_id}\u0000${fund.month}`, { cboId: fund.cbo_id, month: fund.month });
    }
    for (const { cboId, month } of months.values()) {
      const r = q.received.get(cboId, month)!;
      q.saveReceived.run(cboId, month, r.funds, r.amount);
      cbos.add(cboId);
    }
    for (const cboId of cbos) {
      const r = q.cboReceived.get(cboId)!;
      q.saveCbo.run(cboId, r.funds, r.amount);
    }
  };
}

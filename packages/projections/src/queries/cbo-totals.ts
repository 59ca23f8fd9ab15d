import type { Database } from "better-sqlite3";
import { MEASURES_SQL, ZERO_MEASURES, type FundsReceivedByMonth, type Measures } from "./measures.js";
import { exactRow } from "./exact.js";
import { preparedPer } from "./prepared.js";

export interface CboTotals {
  cboId: string;
  /** null when the CBO has data but its registration is not in the log (yet). */
  cbo: { name: string; state: string; district: string } | null;
  overall: Measures & { funds: number; receivedPaise: number };
  /** By service and month of distributedOn, in that order. */
  cells: (Measures & { service: string; month: string })[];
  /** By month of receivedOn. */
  fundsReceived: FundsReceivedByMonth[];
}

const statements = preparedPer((db) => ({
  cbo: db.prepare<[string], CboTotals["cbo"]>("SELECT name, state, district FROM cbos WHERE cbo_id = ?"),
  // Totals read as BigInt (safeIntegers) and checked on the way to a number: never rounded.
  overall: db
    .prepare<[string], CboTotals["overall"]>(
      `SELECT ${MEASURES_SQL}, funds, received_paise AS receivedPaise FROM cbo_overall WHERE cbo_id = ?`,
    )
    .safeIntegers(),
  cells: db
    .prepare<[string], CboTotals["cells"][number]>(
      `SELECT service, month, ${MEASURES_SQL} FROM cbo_cells WHERE cbo_id = ? ORDER BY service, month`,
    )
    .safeIntegers(),
  fundsReceived: db
    .prepare<[string], FundsReceivedByMonth>(
      "SELECT month, funds, amount_paise AS amountPaise FROM cbo_funds_received WHERE cbo_id = ? ORDER BY month",
    )
    .safeIntegers(),
}));

/** One CBO's totals, or undefined when the read model knows nothing of it. */
export function cboTotals(db: Database, cboId: string): CboTotals | undefined {
  const query = statements(db);
  const cbo = query.cbo.get(cboId);
  const stored = query.overall.get(cboId);
  const overall = stored && exactRow(stored);
  if (cbo === undefined && overall === undefined) return undefined;
  return {
    cboId,
    cbo: cbo ?? null,
    overall: overall ?? { ...ZERO_MEASURES, funds: 0, receivedPaise: 0 },
    cells: query.cells.all(cboId).map(exactRow),
    fundsReceived: query.fundsReceived.all(cboId).map(exactRow),
  };
}

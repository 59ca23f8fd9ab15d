import type { Database } from "better-sqlite3";
import { MEASURES_SQL, type FundsReceivedByMonth, type Measures } from "./measures.js";
import { exactNumber, exactRow } from "./exact.js";
import { preparedPer } from "./prepared.js";

export interface CoalitionTotals {
  overall: Measures & { cbos: number; funds: number; receivedPaise: number };
  /** By service and month, persons counted once across CBOs. */
  cells: (Measures & { service: string; month: string })[];
  fundsReceived: FundsReceivedByMonth[];
}

const SUMS = `COALESCE(SUM(distributions), 0) AS distributions, COALESCE(SUM(value_paise), 0) AS valuePaise,
  COALESCE(SUM(attributed_paise), 0) AS attributedPaise, COALESCE(SUM(unfunded_paise), 0) AS unfundedPaise,
  COALESCE(SUM(scheme_paise), 0) AS schemePaise`;

// Sums over CBOs and cells are read as BigInt (safeIntegers) and checked on the way to a number.
const statements = preparedPer((db) => {
  const count = (sql: string) => db.prepare<[], bigint>(sql).pluck().safeIntegers();
  return {
    sums: db.prepare<[], Omit<Measures, "persons">>(`SELECT ${SUMS} FROM coalition_cells`).safeIntegers(),
    persons: count("SELECT COUNT(*) FROM persons"),
    cbos: count("SELECT COUNT(*) FROM cbos"),
    funds: count("SELECT COUNT(*) FROM funds"),
    receivedPaise: count("SELECT COALESCE(SUM(amount_paise), 0) FROM funds"),
    cells: db
      .prepare<[], CoalitionTotals["cells"][number]>(
        `SELECT service, month, ${MEASURES_SQL} FROM coalition_cells ORDER BY service, month`,
      )
      .safeIntegers(),
    fundsReceived: db
      .prepare<[], FundsReceivedByMonth>(
        `SELECT month, SUM(funds) AS funds, SUM(amount_paise) AS amountPaise
         FROM cbo_funds_received GROUP BY month ORDER BY month`,
      )
      .safeIntegers(),
  };
});

/** The whole coalition. A person served by two CBOs is one person here. */
export function coalitionTotals(db: Database): CoalitionTotals {
  const query = statements(db);
  return {
    overall: {
      ...exactRow(query.sums.get()!),
      persons: exactNumber(query.persons.get() ?? 0),
      cbos: exactNumber(query.cbos.get() ?? 0),
      funds: exactNumber(query.funds.get() ?? 0),
      receivedPaise: exactNumber(query.receivedPaise.get() ?? 0),
    },
    cells: query.cells.all().map(exactRow),
    fundsReceived: query.fundsReceived.all().map(exactRow),
  };
}

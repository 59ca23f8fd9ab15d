import type { Database } from "better-sqlite3";

const statements = (db: Database) => ({
  clearCells: db.prepare<[string]>("DELETE FROM fund_cells WHERE fund_id = ?"),
  cells: db.prepare<[string]>(
    `INSERT INTO fund_cells
     SELECT a.fund_id, d.service, d.month, SUM(a.paise), COUNT(*), COUNT(DISTINCT d.person_id)
     FROM allocations a JOIN distributions d USING (distribution_id)
     WHERE a.fund_id = ? GROUP BY d.service, d.month`,
  ),
  totals: db.prepare<[string, string]>(
    `INSERT OR REPLACE INTO fund_totals
     SELECT f.fund_id, COALESCE(s.paise, 0), f.amount_paise - COALESCE(s.paise, 0), s.n, s.persons
     FROM funds f, (
       SELECT SUM(a.paise) AS paise, COUNT(*) AS n, COUNT(DISTINCT d.person_id) AS persons
       FROM allocations a JOIN distributions d USING (distribution_id) WHERE a.fund_id = ?
     ) s
     WHERE f.fund_id = ?`,
  ),
  fundsReaching: db
    .prepare<[string], string>(
      `SELECT DISTINCT a.fund_id FROM distributions d JOIN allocations a USING (distribution_id)
       WHERE d.person_id = ?`,
    )
    .pluck(),
});

export interface FundSummaries {
  /** Recomputes what a donor sees of one fund: its cells and totals, whole. */
  summarise(fundId: string): void;
  /** The funds that paid for any distribution of a person. */
  fundsReaching(personId: string): string[];
}

export function createFundSummaries(db: Database): FundSummaries {
  const q = statements(db);
  return {
    summarise(fundId) {
      q.clearCells.run(fundId);
      q.cells.run(fundId);
      q.totals.run(fundId, fundId);
    },
    fundsReaching: (personId) => q.fundsReaching.all(personId),
  };
}

import type { Database } from "better-sqlite3";
import { assertInvariant } from "@relief-ledger/domain";
import type { Dirty } from "../dirty.js";

interface Counted {
  fundId: string;
  paise: number;
}

const statements = (db: Database) => ({
  distribution: db.prepare<[string], { service: string; month: string; person_id: string | null }>(
    "SELECT service, month, person_id FROM distributions WHERE distribution_id = ?",
  ),
  allocationsOf: db.prepare<[string], Counted>(
    "SELECT fund_id AS fundId, paise FROM allocations WHERE distribution_id = ? ORDER BY fund_id",
  ),
  // The person each distribution was counted for when the last batch settled: the totals
  // projection keeps it (total_contributions) for every counted distribution, and only counted
  // distributions have allocations. Read before the totals settle of this batch rewrites it.
  personBefore: db
    .prepare<[string], string | null>("SELECT person_id FROM total_contributions WHERE distribution_id = ?")
    .pluck(),
  allocatedOfPerson: db
    .prepare<[string], string>(
      `SELECT DISTINCT d.distribution_id FROM distributions d JOIN allocations a USING (distribution_id)
       WHERE d.person_id = ?`,
    )
    .pluck(),
  /** How many of a person's distributions each fund paid for, by the fund cell they fall in. */
  personCells: db.prepare<[string], { fund_id: string; service: string; month: string; n: number }>(
    `SELECT a.fund_id, d.service, d.month, COUNT(*) AS n FROM distributions d JOIN allocations a USING (distribution_id)
     WHERE d.person_id = ? GROUP BY a.fund_id, d.service, d.month`,
  ),
  moveCell: db.prepare<
    [string, string, string, bigint, number, number],
    { distributions: number; persons: number; paise: number }
  >(
    `INSERT INTO fund_cells VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (fund_id, service, month) DO UPDATE SET paise = paise + excluded.paise,
       distributions = distributions + excluded.distributions, persons = persons + excluded.persons
     RETURNING paise, distributions, persons`,
  ),
  dropCell: db.prepare<[string, string, string]>(
    "DELETE FROM fund_cells WHERE fund_id = ? AND service = ? AND month = ? AND distributions = 0",
  ),
  // A fund summarised for the first time starts from nothing: its amount, nothing attributed.
  moveTotals: db.prepare<
    [bigint, bigint, number, number, string],
    { attributed: number; distributions: number; persons: number }
  >(
    `INSERT INTO fund_totals SELECT fund_id, ?, amount_paise - ?, ?, ? FROM funds WHERE fund_id = ?
     ON CONFLICT (fund_id) DO UPDATE SET attributed_paise = attributed_paise + excluded.attributed_paise,
       remaining_paise = remaining_paise - excluded.attributed_paise,
       distributions = distributions + excluded.distributions, persons = persons + excluded.persons
     RETURNING attributed_paise AS attributed, distributions, persons`,
  ),
});

interface Move {
  paise: number;
  distributions: number;
  persons: number;
}

const SEP = "\u0000";

/**
 * What a donor sees of each fund (`fund_cells`, `fund_totals`), moved by what a batch changed:
 * the allocations it rewrote and the persons it relabelled, each one's old contribution taken
 * out and its new one put in. The work is proportional to the batch, not to the funds' history
 * (recomputing a touched fund whole cost a scan of all its allocations, every batch).
 *
 * Distinct persons: for each person whose count in a cell (or fund) the batch moved, her count
 * now is read from her own distributions (a handful), and her count before is that less the move.
 */
export function createFundSummaries(db: Database): (dirty: Dirty) => void {
  const q = statements(db);
  return (dirty) => {
    const cells = new Map<string, Move>();
    const funds = new Map<string, Move>();
    // Per person, the net change of her count of distributions per cell key and per fund.
    const personMoves = new Map<string, Map<string, number>>();
    const count = (person: string | null, key: string, by: number) => {
      if (person === null) return;
      let moves = personMoves.get(person);
      if (!moves) personMoves.set(person, (moves = new Map<string, number>()));
      moves.set(key, (moves.get(key) ?? 0) + by);
    };
    const move = (map: Map<string, Move>, key: string, paise: number, by: number) => {
      const m = map.get(key);
      if (m) {
        m.paise += paise;
        m.distributions += by;
      } else map.set(key, { paise, distributions: by, persons: 0 });
    };
    const contribute = (
      allocations: readonly Counted[],
      service: string,
      month: string,
      person: string | null,
      by: number,
    ) => {
      for (const { fundId, paise } of allocations) {
        const cell = `${fundId}${SEP}${service}${SEP}${month}`;
        move(cells, cell, paise * by, by);
        move(funds, fundId, paise * by, by);
        count(person, cell, by);
        count(person, fundId, by);
      }
    };

    const touched = new Set(dirty.allocated.keys());
    for (const person of dirty.relabelled) for (const id of q.allocatedOfPerson.all(person)) touched.add(id);
    for (const id of touched) {
      const row = q.distribution.get(id);
      if (!row) continue;
      const now = q.allocationsOf.all(id);
      const before = dirty.allocated.get(id) ?? now;
      const personBefore = q.personBefore.get(id) ?? null;
      contribute(before, row.service, row.month, personBefore, -1);
      contribute(now, row.service, row.month, row.person_id, 1);
    }

    for (const [person, moves] of personMoves) {
      const nowByKey = new Map<string, number>();
      for (const { fund_id, service, month, n } of q.personCells.all(person)) {
        nowByKey.set(`${fund_id}${SEP}${service}${SEP}${month}`, n);
        nowByKey.set(fund_id, (nowByKey.get(fund_id) ?? 0) + n);
      }
      for (const [key, by] of moves) {
        if (by === 0) continue;
        const after = nowByKey.get(key) ?? 0;
        const before = after - by;
        assertInvariant(before >= 0, "a person's count of a fund's distributions is never below zero", { before });
        const change = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
        if (change !== 0) (key.includes(SEP) ? cells : funds).get(key)!.persons += change;
      }
    }

    for (const [key, m] of cells) {
      if (m.paise === 0 && m.distributions === 0 && m.persons === 0) continue;
      const [fundId, service, month] = key.split(SEP) as [string, string, string];
      const stored = q.moveCell.get(fundId, service, month, BigInt(m.paise), m.distributions, m.persons)!;
      assertInvariant(
        stored.paise >= 0 && stored.distributions >= 0 && stored.persons >= 0,
        "a fund cell's money and counts are never below zero",
        { ...stored },
      );
      if (stored.distributions === 0) q.dropCell.run(fundId, service, month);
    }
    // Every fund received in the batch gets its totals row, moved or not.
    for (const fundId of dirty.funds)
      if (!funds.has(fundId)) funds.set(fundId, { paise: 0, distributions: 0, persons: 0 });
    for (const [fundId, m] of funds) {
      dirty.funds.add(fundId);
      const stored = q.moveTotals.get(BigInt(m.paise), BigInt(m.paise), m.distributions, m.persons, fundId);
      if (stored === undefined) continue; // an allocation to a fund never received: none is ever made
      assertInvariant(
        stored.attributed >= 0 && stored.distributions >= 0 && stored.persons >= 0,
        "a fund's totals are never below zero",
        { ...stored },
      );
    }
  };
}

import type { Database } from "better-sqlite3";
import { exactSum } from "./exact.js";
import { preparedPer } from "./prepared.js";

export interface FundCell {
  cboId: string;
  service: string;
  month: string;
  paise: number;
  distributions: number;
  persons: number;
}

export interface FundAttribution {
  fundId: string;
  cboId: string;
  receivedOn: string;
  receivedPaise: number;
  restrictedTo: string[] | null;
  reference: string | null;
  attributedPaise: number;
  remainingPaise: number;
  distributions: number;
  /** Distinct persons among the distributions this fund paid for. */
  persons: number;
  /** Attributed by CBO × service × month of distributedOn. */
  cells: FundCell[];
}

export interface DonorAttribution {
  donorId: string;
  donor: { name: string; kind: string } | null;
  funds: FundAttribution[];
  overall: { funds: number; receivedPaise: number; attributedPaise: number; remainingPaise: number; persons: number };
}

type FundRow = Omit<FundAttribution, "cells" | "restrictedTo"> & { restrictedTo: string | null };

const statements = preparedPer((db) => ({
  donor: db.prepare<[string], DonorAttribution["donor"]>("SELECT name, kind FROM donors WHERE donor_id = ?"),
  funds: db.prepare<[string], FundRow>(
    `SELECT f.fund_id AS fundId, f.cbo_id AS cboId, f.received_on AS receivedOn, f.amount_paise AS receivedPaise,
       f.restricted_to AS restrictedTo, f.reference, t.attributed_paise AS attributedPaise,
       t.remaining_paise AS remainingPaise, t.distributions, t.persons
     FROM funds f JOIN fund_totals t USING (fund_id) WHERE f.donor_id = ? ORDER BY f.received_on, f.fund_id`,
  ),
  cellsOf: db.prepare<[string, string], FundCell>(
    `SELECT ? AS cboId, service, month, paise, distributions, persons FROM fund_cells
     WHERE fund_id = ? ORDER BY service, month`,
  ),
  persons: db
    .prepare<[string], number>(
      `SELECT COUNT(DISTINCT d.person_id) FROM funds f JOIN allocations a USING (fund_id)
       JOIN distributions d USING (distribution_id) WHERE f.donor_id = ?`,
    )
    .pluck(),
}));

/** Where a donor's money went, fund by fund, oldest fund first; undefined when unknown. */
export function donorAttribution(db: Database, donorId: string): DonorAttribution | undefined {
  const query = statements(db);
  const donor = query.donor.get(donorId);
  const rows = query.funds.all(donorId);
  if (donor === undefined && rows.length === 0) return undefined;
  const funds = rows.map((row) => ({
    ...row,
    restrictedTo: row.restrictedTo === null ? null : (JSON.parse(row.restrictedTo) as string[]),
    cells: query.cellsOf.all(row.cboId, row.fundId),
  }));
  const persons = query.persons.get(donorId)!;
  return { donorId, donor: donor ?? null, funds, overall: { ...fundsTotal(funds), persons } };
}

type FundMoney = Pick<FundAttribution, "receivedPaise" | "attributedPaise" | "remainingPaise">;

/**
 * How many funds, and their money received, attributed and remaining, added up. Each fund is
 * within its bound; the sums are added exactly, not in floating point.
 */
export function fundsTotal(funds: readonly FundMoney[]): FundMoney & { funds: number } {
  const sum = (pick: (fund: FundMoney) => number) => exactSum(funds.map(pick));
  return {
    funds: funds.length,
    receivedPaise: sum((f) => f.receivedPaise),
    attributedPaise: sum((f) => f.attributedPaise),
    remainingPaise: sum((f) => f.remainingPaise),
  };
}

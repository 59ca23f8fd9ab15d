import type { Database } from "better-sqlite3";

/** What one counted distribution adds to the totals. Unfunded is value − attributed − scheme. */
export interface Contribution {
  cboId: string;
  service: string;
  month: string;
  personId: string | null;
  value: number;
  attributed: number;
  scheme: number;
}

const COLUMNS = `cbo_id AS cboId, service, month, person_id AS personId, value_paise AS value,
  attributed_paise AS attributed, scheme_paise AS scheme`;

export const sameContribution = (a: Contribution | undefined, b: Contribution | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.personId === b.personId &&
    a.value === b.value &&
    a.attributed === b.attributed &&
    a.scheme === b.scheme &&
    a.cboId === b.cboId &&
    a.service === b.service &&
    a.month === b.month);

/** A distribution as the totals counted it last, and as its base rows say it counts now. */
export function contributions(db: Database) {
  const counted = db.prepare<[string], Contribution>(
    `SELECT ${COLUMNS} FROM total_contributions WHERE distribution_id = ?`,
  );
  const current = db.prepare<[string], Contribution>(
    `SELECT cbo_id AS cboId, service, month, person_id AS personId, value_paise AS value,
       COALESCE((SELECT SUM(paise) FROM allocations a WHERE a.distribution_id = d.distribution_id), 0) AS attributed,
       CASE WHEN funding_kind = 'scheme' THEN value_paise ELSE 0 END AS scheme
     FROM distributions d WHERE distribution_id = ? AND voided = 0`,
  );
  const save = db.prepare("INSERT OR REPLACE INTO total_contributions VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const forget = db.prepare<[string]>("DELETE FROM total_contributions WHERE distribution_id = ?");
  return {
    counted: (id: string) => counted.get(id),
    current: (id: string) => current.get(id),
    record(id: string, c: Contribution | undefined) {
      if (c === undefined) forget.run(id);
      else save.run(id, c.cboId, c.service, c.month, c.personId, c.value, c.attributed, c.scheme);
    },
  };
}

const MEASURES = `
  distributions    INTEGER NOT NULL,
  value_paise      INTEGER NOT NULL,
  persons          INTEGER NOT NULL,
  attributed_paise INTEGER NOT NULL,
  unfunded_paise   INTEGER NOT NULL,
  scheme_paise     INTEGER NOT NULL`;

/**
 * Materialised totals. Every value is recomputed from the base rows of the cells a batch touched,
 * so distinct-person counts follow merges and splits. A cell left with nothing is deleted, not
 * zeroed, so the tables hold the same rows however history got there.
 */
export const TOTALS_SCHEMA = `
CREATE TABLE IF NOT EXISTS cbo_cells (
  cbo_id  TEXT NOT NULL,
  service TEXT NOT NULL,
  month   TEXT NOT NULL,${MEASURES},
  PRIMARY KEY (cbo_id, service, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cbo_funds_received (
  cbo_id       TEXT NOT NULL,
  month        TEXT NOT NULL,
  funds        INTEGER NOT NULL,
  amount_paise INTEGER NOT NULL,
  PRIMARY KEY (cbo_id, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cbo_overall (
  cbo_id TEXT PRIMARY KEY,${MEASURES},
  funds          INTEGER NOT NULL,
  received_paise INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS coalition_cells (
  service TEXT NOT NULL,
  month   TEXT NOT NULL,${MEASURES},
  PRIMARY KEY (service, month)
) WITHOUT ROWID;
`;

export const MEASURE_COLUMNS = "distributions, value_paise, persons, attributed_paise, unfunded_paise, scheme_paise";

/**
 * The measures of the counted distributions matching `where`. Unfunded is what neither a fund
 * nor a scheme paid for, so value = attributed + unfunded + scheme in every cell.
 */
export const measuresOf = (where: string): string => `
  SELECT COUNT(*) AS distributions, COALESCE(SUM(value_paise), 0) AS value,
    COUNT(DISTINCT person_id) AS persons,
    COALESCE(SUM((SELECT SUM(paise) FROM allocations a WHERE a.distribution_id = d.distribution_id)), 0) AS attributed,
    COALESCE(SUM(CASE WHEN funding_kind = 'scheme' THEN value_paise END), 0) AS scheme
  FROM distributions d WHERE ${where} AND voided = 0`;

export interface Measures {
  distributions: number;
  value: number;
  persons: number;
  attributed: number;
  scheme: number;
}

export const measureValues = (m: Measures): number[] => [
  m.distributions,
  m.value,
  m.persons,
  m.attributed,
  m.value - m.attributed - m.scheme,
  m.scheme,
];

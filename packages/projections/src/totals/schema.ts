const MEASURES = `
  distributions    INTEGER NOT NULL,
  value_paise      INTEGER NOT NULL,
  persons          INTEGER NOT NULL,
  attributed_paise INTEGER NOT NULL,
  unfunded_paise   INTEGER NOT NULL,
  scheme_paise     INTEGER NOT NULL`;

/**
 * Materialised totals, kept by deltas: `total_contributions` holds each counted distribution as
 * the totals last counted it, and a batch adds the difference between that and its current rows.
 * The `*_persons` tables count each person's distributions per cell, so a distinct-person count
 * moves only when one of them goes from 0 to 1 or back — merges and splits included. A cell left
 * with nothing is deleted, not zeroed, so the tables hold the same rows however history got there.
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
CREATE TABLE IF NOT EXISTS total_contributions (
  distribution_id  TEXT PRIMARY KEY,
  cbo_id           TEXT NOT NULL,
  service          TEXT NOT NULL,
  month            TEXT NOT NULL,
  person_id        TEXT,
  value_paise      INTEGER NOT NULL,
  attributed_paise INTEGER NOT NULL,
  scheme_paise     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cbo_cell_persons (
  cbo_id        TEXT NOT NULL,
  service       TEXT NOT NULL,
  month         TEXT NOT NULL,
  person_id     TEXT NOT NULL,
  distributions INTEGER NOT NULL,
  PRIMARY KEY (cbo_id, service, month, person_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cbo_persons (
  cbo_id        TEXT NOT NULL,
  person_id     TEXT NOT NULL,
  distributions INTEGER NOT NULL,
  PRIMARY KEY (cbo_id, person_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS coalition_cell_persons (
  service       TEXT NOT NULL,
  month         TEXT NOT NULL,
  person_id     TEXT NOT NULL,
  distributions INTEGER NOT NULL,
  PRIMARY KEY (service, month, person_id)
) WITHOUT ROWID;
`;

export const MEASURE_COLUMNS = "distributions, value_paise, persons, attributed_paise, unfunded_paise, scheme_paise";

/**
 * Funds, what each distribution took from which fund, and per fund the totals a donor sees.
 * `restricted_to` is a sorted JSON array of services, NULL when the fund may pay for any.
 */
export const ATTRIBUTION_SCHEMA = `
CREATE TABLE IF NOT EXISTS funds (
  fund_id       TEXT PRIMARY KEY,
  donor_id      TEXT NOT NULL,
  cbo_id        TEXT NOT NULL,
  amount_paise  INTEGER NOT NULL,
  received_on   TEXT NOT NULL,
  month         TEXT NOT NULL,
  restricted_to TEXT,
  reference     TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS funds_by_cbo ON funds (cbo_id, received_on, fund_id);
CREATE INDEX IF NOT EXISTS funds_by_donor ON funds (donor_id);
CREATE TABLE IF NOT EXISTS allocations (
  distribution_id TEXT NOT NULL,
  fund_id         TEXT NOT NULL,
  paise           INTEGER NOT NULL,
  PRIMARY KEY (distribution_id, fund_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS allocations_by_fund ON allocations (fund_id);
CREATE TABLE IF NOT EXISTS fund_cells (
  fund_id       TEXT NOT NULL,
  service       TEXT NOT NULL,
  month         TEXT NOT NULL,
  paise         INTEGER NOT NULL,
  distributions INTEGER NOT NULL,
  persons       INTEGER NOT NULL,
  PRIMARY KEY (fund_id, service, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fund_totals (
  fund_id          TEXT PRIMARY KEY,
  attributed_paise INTEGER NOT NULL,
  remaining_paise  INTEGER NOT NULL,
  distributions    INTEGER NOT NULL,
  persons          INTEGER NOT NULL
) WITHOUT ROWID;
`;

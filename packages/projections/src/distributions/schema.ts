/**
 * Every distribution counted once: the first event with its id. `person_id` is kept by the
 * persons projection (NULL while voided). The indexes serve the attribution walks and the
 * per-person reads of persons, totals and flags; each index is written on every insert, so
 * there are no more than those need.
 */
export const DISTRIBUTIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS distributions (
  distribution_id TEXT PRIMARY KEY,
  position        TEXT NOT NULL,
  submission_id   TEXT NOT NULL,
  cbo_id          TEXT NOT NULL,
  service         TEXT NOT NULL,
  distributed_on  TEXT NOT NULL,
  month           TEXT NOT NULL,
  quantity        INTEGER NOT NULL,
  value_paise     INTEGER NOT NULL,
  funding_kind    TEXT NOT NULL,
  fund_id         TEXT,
  scheme          TEXT,
  district        TEXT,
  voided          INTEGER NOT NULL DEFAULT 0,
  person_id       TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS distributions_by_walk ON distributions (cbo_id, distributed_on, distribution_id);
CREATE INDEX IF NOT EXISTS distributions_by_person ON distributions (person_id, service, distributed_on, distribution_id);
CREATE TABLE IF NOT EXISTS distribution_pseudonyms (
  pseudonym       TEXT NOT NULL,
  distribution_id TEXT NOT NULL,
  type            TEXT NOT NULL,
  key_id          TEXT NOT NULL,
  PRIMARY KEY (pseudonym, distribution_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS distribution_pseudonyms_by_distribution ON distribution_pseudonyms (distribution_id);
CREATE TABLE IF NOT EXISTS repeated_distributions (
  position        TEXT PRIMARY KEY,
  distribution_id TEXT NOT NULL,
  first_position  TEXT NOT NULL,
  submission_id   TEXT NOT NULL,
  cbo_id          TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS voids (
  distribution_id TEXT PRIMARY KEY,
  position        TEXT NOT NULL,
  cbo_id          TEXT NOT NULL,
  reason          TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * The current dedup policy (one row per service; NULL columns mean no rule), the flags it gives
 * over the current persons, and auditors' resolutions by flagId. A resolution is kept even while
 * its flag does not exist, and shows again if the flag comes back.
 */
export const FLAGS_SCHEMA = `
CREATE TABLE IF NOT EXISTS dedup_policy (
  service        TEXT PRIMARY KEY,
  window_days    INTEGER,
  max_per_window INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS flags (
  flag_id        TEXT PRIMARY KEY,
  person_id      TEXT NOT NULL,
  service        TEXT NOT NULL,
  distributed_on TEXT NOT NULL,
  cbo_id         TEXT NOT NULL,
  cbo_ids        TEXT NOT NULL,
  earlier        TEXT NOT NULL,
  window_days    INTEGER NOT NULL,
  max_per_window INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS flags_by_person ON flags (person_id);
CREATE TABLE IF NOT EXISTS flag_resolutions (
  flag_id     TEXT PRIMARY KEY,
  verdict     TEXT NOT NULL,
  note        TEXT NOT NULL,
  resolved_at TEXT NOT NULL
) WITHOUT ROWID;
`;

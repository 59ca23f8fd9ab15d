/**
 * The current dedup policy (one row per service; NULL columns mean no rule), the flags it gives
 * over the current persons, and auditors' resolutions by flagId. A flag's evidence is its window
 * by reference: the person's non-voided distributions of the service dated from window_opens_on
 * and ordered before the flag, earlier_count of them. The ids are read from the distributions
 * table when asked for, a page at a time, so a flag's row has a fixed size (cbo_ids aside, which
 * holds at most the CBOs of the coalition). A resolution is kept even while
 * its flag does not exist, and shows again if the flag comes back. CBOs' notes on flags are kept
 * the same way, every one, in log order (keyed by position).
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
  cbo_ids         TEXT NOT NULL,
  window_opens_on TEXT NOT NULL,
  earlier_count   INTEGER NOT NULL,
  window_days     INTEGER NOT NULL,
  max_per_window  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS flags_by_person ON flags (person_id);
CREATE INDEX IF NOT EXISTS flags_by_date ON flags (distributed_on, flag_id);
CREATE TABLE IF NOT EXISTS flag_notes (
  position TEXT PRIMARY KEY,
  flag_id  TEXT NOT NULL,
  cbo_id   TEXT NOT NULL,
  note     TEXT NOT NULL,
  noted_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS flag_notes_by_flag ON flag_notes (flag_id, cbo_id);
CREATE TABLE IF NOT EXISTS flag_resolutions (
  flag_id     TEXT PRIMARY KEY,
  verdict     TEXT NOT NULL,
  note        TEXT NOT NULL,
  resolved_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/** Registered CBOs (each with its state, for filtering flags) and donors. */
export const REGISTRY_SCHEMA = `
CREATE TABLE IF NOT EXISTS cbos (
  cbo_id   TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  state    TEXT NOT NULL,
  district TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cbos_by_state ON cbos (state);
CREATE TABLE IF NOT EXISTS donors (
  donor_id TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * The ingest service's own index of what the log already holds, so each decision looks up a few
 * rows instead of holding a million distribution ids in memory. It is a projection like any other:
 * delete the file and it is rebuilt from position 0.
 */
export const WRITE_INDEX_SCHEMA = `
CREATE TABLE IF NOT EXISTS cbos (cbo_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS donors (donor_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS funds (
  fund_id TEXT PRIMARY KEY,
  cbo_id TEXT NOT NULL,
  donor_id TEXT NOT NULL,
  restricted_to TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS distributions (
  distribution_id TEXT PRIMARY KEY,
  cbo_id TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
`;

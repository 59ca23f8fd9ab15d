import { BY_POSITION, type DigestedTable } from "../projection.js";

/** The runner's own tables. The checkpoint is the position of the last event applied. */
export const RUNNER_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  position TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected_events (
  position TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  stream   TEXT NOT NULL,
  type     TEXT NOT NULL,
  errors   TEXT NOT NULL
) WITHOUT ROWID;
`;

// The checkpoint stays out of the digest: it says how far the model got, not what it holds.
export const RUNNER_TABLES: readonly DigestedTable[] = [{ table: "rejected_events", orderBy: BY_POSITION("position") }];

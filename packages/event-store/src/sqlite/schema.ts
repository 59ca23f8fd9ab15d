import type { Database } from "better-sqlite3";

export interface SqlitePragmas {
  busyTimeoutMs: number;
}

/**
 * WAL lets readers in other processes work while one process writes; synchronous=FULL makes a
 * commit durable before it is acknowledged, so an append survives kill -9 and power loss.
 */
export function applyPragmas(db: Database, { busyTimeoutMs }: SqlitePragmas): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
}

/**
 * `position` is the rowid: assigned under the write lock as MAX+1 and never deleted, so the
 * global log counts 1, 2, 3… without gaps, in commit order.
 */
export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream, revision)
);
`;

export interface EventRow {
  position: number;
  stream: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export const EVENT_COLUMNS = "position, stream, revision, event_id, type, data, metadata, recorded_at";

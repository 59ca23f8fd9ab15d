import type { Database } from "better-sqlite3";
import type { LedgerEvent } from "@relief-ledger/domain";
import type { Dirty } from "./dirty.js";

/** A ledger event that passed its schema, with the place and time the store gave it. */
export type ProjectedEvent = LedgerEvent & { position: bigint; recordedAt: string };

/** A table as the digest dumps it: fixed columns, rows in a fixed order. */
export interface DigestTable {
  table: string;
  columns: string;
  orderBy: string;
}

/**
 * A table a digest reads, as a projection names it. By its name alone: every column, in the order
 * its CREATE TABLE declares them, rows in primary-key order (`digestTableOf` reads both from
 * SQLite, so they are said once, in the schema). With an `orderBy`: rows in that order instead,
 * for a key whose text does not sort as its value (positions: `BY_POSITION`).
 */
export type DigestedTable = string | { table: string; orderBy: string };

export interface ProjectionHandlers {
  apply?(event: ProjectedEvent, dirty: Dirty): void;
  /**
   * Runs once per batch, after every event of it was applied. Derived rows are recomputed here
   * from the base rows, so they depend on which events were applied, never on how they were batched.
   */
  settle?(dirty: Dirty): void;
}

export interface Projection {
  name: string;
  /** Idempotent DDL: CREATE … IF NOT EXISTS. */
  schema: string;
  /** In the order the digest reads them. */
  tables: readonly DigestedTable[];
  open(db: Database): ProjectionHandlers;
}

/** Positions are stored as decimal text: on EventStoreDB they do not fit a 64-bit integer. */
export const positionText = (position: bigint): string => position.toString();

/** Orders decimal text numerically, for tables keyed by a position. */
export const BY_POSITION = (column: string): string => `length(${column}), ${column}`;

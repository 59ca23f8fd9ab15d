import type { Database } from "better-sqlite3";
import type { LedgerEvent } from "@relief-ledger/domain";
import type { Dirty } from "./dirty.js";

/** A ledger event that passed its schema, with the place and time the store gave it. */
export type ProjectedEvent = LedgerEvent & { position: bigint; recordedAt: string };

/** A table as the digest dumps it: fixed columns, rows in primary-key order. */
export interface DigestTable {
  table: string;
  columns: string;
  orderBy: string;
}

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
  tables: readonly DigestTable[];
  open(db: Database): ProjectionHandlers;
}

/** Positions are stored as decimal text: on EventStoreDB they do not fit a 64-bit integer. */
export const positionText = (position: bigint): string => position.toString();

/** Orders decimal text numerically, for tables keyed by a position. */
export const BY_POSITION = (column: string): string => `length(${column}), ${column}`;

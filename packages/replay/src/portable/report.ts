import type { ReplayPoint } from "./point.js";
import type { Tables } from "./tables.js";

/** The last head signed within a replayed prefix, and whether the replayed events give its root. */
export interface SignedHeadAtPoint {
  treeSize: number;
  rootHash: string;
  keyId: string;
  signature: string;
  eventId: string;
  position: string;
  /** The root recomputed over the first treeSize replayed events equals the signed one. */
  rootMatches: boolean;
}

export const REPORT_FORMAT = "relief-ledger/reconciliation-report/v1";

/** What `ledger replay` writes as report.json, and `ledger reconcile` reads back. */
export interface Report {
  format: typeof REPORT_FORMAT;
  /** The point asked for: a position, or a day or instant of recordedAt (with the last instant it includes). */
  point: ReplayPoint;
  replayed: { events: number; lastPosition: string | null; lastRecordedAt: string | null };
  /** The Merkle tree over exactly the replayed events, and the last head signed among them. */
  head: { treeSize: number; rootHash: string; signedHead: SignedHeadAtPoint | null };
  /** The position the fresh read model reached, and its digest over every projection's tables. */
  readModel: { checkpoint: string; digest: string };
  tables: Tables;
}

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
};

/**
 * Keys sorted at every level, two-space indent, one final newline: the same report is the same
 * bytes, so two replays of one point can be compared with `cmp` or a hash.
 */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value), null, 2) + "\n";

import type { KeyObject } from "node:crypto";
import type { LedgerHeadSigned } from "@relief-ledger/domain";
import type { EventStore } from "@relief-ledger/event-store";
import type { MerkleIndexReader } from "../merkle-index/types.js";

/**
 * - missing: an event the log should have is not there (a gap in SQLite's positions, a stream
 *   revision skipped, an indexed event absent);
 * - reordered: an event is out of its place (a stream's revisions go backwards, an indexed event
 *   found at another leaf, a head placed before the events it signs);
 * - altered: an event's committed content changed, or a signed range no longer hashes to its root;
 * - inserted: an event the index has no leaf for, amid events it has;
 * - truncated: the log ends before a signed head's treeSize, or before the index does;
 * - forged-head: a head whose signature does not verify, or a malformed `ledger-heads` event;
 * - unknown-key: a head signed by a key the verifier was not given;
 * - index-mismatch: the index disagrees with a signed head, or with itself.
 */
export type ProblemKind =
  "missing" | "reordered" | "altered" | "inserted" | "truncated" | "forged-head" | "unknown-key" | "index-mismatch";

export interface Problem {
  kind: ProblemKind;
  /** The store position of the event concerned (or, for a range, its first event). */
  position?: bigint;
  eventId?: string;
  /** The leaf index concerned: where the event is, or should be, in the tree. */
  leafIndex?: number;
  /** For a signed range that fails to match: leaves [from, to). */
  range?: { from: number; to: number };
  message: string;
}

export interface VerifyLedgerOptions {
  store: EventStore;
  /** The Merkle index to compare leaf by leaf; without it, alterations are located to a signed range. */
  index?: MerkleIndexReader;
  /** The keys whose heads are trusted, by key id. */
  publicKeys: ReadonlyMap<string, KeyObject>;
  /** Heads the auditor kept from earlier (a proof bundle, a previous fetch): they catch a cut-off tail. */
  trustedHeads?: readonly LedgerHeadSigned[];
  pageSize?: number;
  /** How many problems to return; the rest are only counted. Default 1000. */
  maxProblems?: number;
  /** Called after each page with the number of events checked so far (for a progress bar). */
  onProgress?: (eventsChecked: number) => void;
}

export interface VerifyLedgerResult {
  ok: boolean;
  eventsChecked: number;
  /** Heads examined: every event of `ledger-heads` and every trusted head. */
  headsChecked: number;
  /** Heads whose signature verified under a given key. */
  headsVerified: number;
  /** The largest treeSize among verified heads: how much of the log the signatures cover. */
  signedSize: number;
  /** Leaves below this are leaf format 1 (the largest verified v1 head's size), the rest format 2. */
  legacyBelow: number;
  /**
   * Events after the largest signed head (the log's own and those given): no signature covers
   * them yet, so they could be changed without trace. Their count and first and last positions.
   */
  unprotected: { count: number; firstPosition?: bigint; lastPosition?: bigint };
  /** Leaves in the index, when one was given. */
  indexSize?: number;
  /** Events after the index's last leaf: not compared leaf by leaf (the index lags the store). */
  unindexedEvents: number;
  /** The problems, first altered, missing or reordered event first. */
  problems: Problem[];
  /** All problems found, including any beyond maxProblems. */
  problemCount: number;
}

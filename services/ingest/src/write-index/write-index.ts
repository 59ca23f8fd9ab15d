import Database from "better-sqlite3";
import {
  assertInvariant,
  isEventType,
  type KnownDistribution,
  type KnownFund,
  type LedgerEvent,
  type WriteState,
} from "@relief-ledger/domain";
import type { EventStore, RecordedEvent } from "@relief-ledger/event-store";
import { foldIntoWriteIndex, type WriteIndexSink } from "./rows.js";
import { WRITE_INDEX_SCHEMA } from "./schema.js";

export interface WriteIndex extends WriteState {
  /** Reads whatever the log gained since the last call, so the next decision sees it. */
  catchUp(): Promise<void>;
  /**
   * Applies events this process just appended without reading them back, when nothing else was
   * written before them; otherwise leaves them to catchUp.
   */
  noteAppended(events: LedgerEvent[], appended: { firstEventId: string; lastPosition: bigint }): Promise<void>;
  /** This state, with the given distributions looked up in one query instead of one each. */
  withDistributions(ids: string[]): WriteState;
  /** Writes the rows held in memory now (close does too). */
  flush(): void;
  close(): void;
}

/**
 * When rows applied in memory are written: at this many rows, or this long after the first of them.
 * An acknowledged event is in the log, which acknowledged it; these rows only save reading it back,
 * so a kill before the write loses nothing (the next start catches up from the written checkpoint).
 */
export interface WriteIndexFlushPolicy {
  atRows: number;
  afterMs: number;
}

/** About ten submissions of 1,000 a transaction, and a restart never reads back more than a second. */
export const DEFAULT_FLUSH_POLICY: WriteIndexFlushPolicy = { atRows: 10_000, afterMs: 1_000 };

/**
 * What this process applied in memory and has not yet written, with the answers it gives: the
 * in-memory sink of the write index's fold. The first record of an id wins here (a has-check) as in
 * SQLite (INSERT OR IGNORE), and a written row answers before an unwritten one.
 */
class Unwritten implements WriteIndexSink {
  /** Rows handed over, one for each event the write side keeps: what the flush policy counts. */
  rows = 0;
  readonly cbos = new Set<string>();
  readonly donors = new Set<string>();
  readonly funds = new Map<string, KnownFund>();
  readonly distributions = new Map<string, KnownDistribution>();
  /** Voided ids, for rows written before: applied before the unwritten rows, so a void of nothing stays nothing. */
  readonly voided = new Set<string>();

  cboAdded(cboId: string): void {
    this.rows++;
    this.cbos.add(cboId);
  }

  donorAdded(donorId: string): void {
    this.rows++;
    this.donors.add(donorId);
  }

  fundAdded(fundId: string, cboId: string, donorId: string, restrictedTo: KnownFund["restrictedTo"]): void {
    this.rows++;
    if (this.funds.has(fundId)) return;
    this.funds.set(fundId, restrictedTo ? { cboId, donorId, restrictedTo } : { cboId, donorId });
  }

  distributionAdded(distributionId: string, cboId: string, submissionId: string): void {
    this.rows++;
    if (!this.distributions.has(distributionId))
      this.distributions.set(distributionId, { cboId, submissionId, voided: false });
  }

  distributionVoided(distributionId: string): void {
    this.rows++;
    this.voided.add(distributionId);
    const unwritten = this.distributions.get(distributionId);
    if (unwritten) unwritten.voided = true;
  }
}

type Row<T> = T | undefined;

/**
 * The log holds what this service decided and appended, each event checked against its schema
 * before it was: a v1 type is read as its event without parsing it again. A type from a later
 * version of the ledger is none of the write side's business.
 */
const asLedgerEvent = (recorded: RecordedEvent): LedgerEvent | undefined =>
  isEventType(recorded.type) ? ({ type: recorded.type, data: recorded.data } as LedgerEvent) : undefined;

export function openWriteIndex(
  file: string,
  store: EventStore,
  policy: WriteIndexFlushPolicy = DEFAULT_FLUSH_POLICY,
): WriteIndex {
  assertInvariant(policy.atRows > 0 && policy.afterMs >= 0, "a write-index flush policy writes sometime", {
    ...policy,
  });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // Rebuildable from the log, so a commit need not wait for the disk: NORMAL never corrupts in WAL.
  db.pragma("synchronous = NORMAL");
  db.exec(WRITE_INDEX_SCHEMA);
  const q = {
    cbo: db.prepare<[string], { cbo_id: string }>("SELECT cbo_id FROM cbos WHERE cbo_id = ?"),
    donor: db.prepare<[string], { donor_id: string }>("SELECT donor_id FROM donors WHERE donor_id = ?"),
    fund: db.prepare<[string], { cbo_id: string; donor_id: string; restricted_to: string | null }>(
      "SELECT cbo_id, donor_id, restricted_to FROM funds WHERE fund_id = ?",
    ),
    distribution: db.prepare<[string], { cbo_id: string; submission_id: string; voided: number }>(
      "SELECT cbo_id, submission_id, voided FROM distributions WHERE distribution_id = ?",
    ),
    distributionsIn: db.prepare<
      [string],
      { distribution_id: string; cbo_id: string; submission_id: string; voided: number }
    >(
      "SELECT distribution_id, cbo_id, submission_id, voided FROM distributions WHERE distribution_id IN (SELECT value FROM json_each(?))",
    ),
    checkpoint: db.prepare<[], { position: string }>("SELECT position FROM checkpoint WHERE id = 1"),
    addCbo: db.prepare("INSERT OR IGNORE INTO cbos VALUES (?)"),
    addDonor: db.prepare("INSERT OR IGNORE INTO donors VALUES (?)"),
    addFund: db.prepare("INSERT OR IGNORE INTO funds VALUES (?, ?, ?, ?)"),
    addDistribution: db.prepare(
      "INSERT OR IGNORE INTO distributions (distribution_id, cbo_id, submission_id) VALUES (?, ?, ?)",
    ),
    addDistributionVoided: db.prepare<[string, string, string, number]>(
      "INSERT OR IGNORE INTO distributions (distribution_id, cbo_id, submission_id, voided) VALUES (?, ?, ?, ?)",
    ),
    voidDistribution: db.prepare("UPDATE distributions SET voided = 1 WHERE distribution_id = ?"),
    saveCheckpoint: db.prepare(
      "INSERT INTO checkpoint VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position",
    ),
  };

  // The SQL sink of the write index's fold: INSERT OR IGNORE, so the first record of an id wins; a
  // fund's restriction is stored as its JSON list, NULL for none.
  const inSql: WriteIndexSink = {
    cboAdded(cboId) {
      q.addCbo.run(cboId);
    },
    donorAdded(donorId) {
      q.addDonor.run(donorId);
    },
    fundAdded(fundId, cboId, donorId, restrictedTo) {
      q.addFund.run(fundId, cboId, donorId, restrictedTo ? JSON.stringify(restrictedTo) : null);
    },
    distributionAdded(distributionId, cboId, submissionId) {
      q.addDistribution.run(distributionId, cboId, submissionId);
    },
    distributionVoided(distributionId) {
      q.voidDistribution.run(distributionId);
    },
  };
  const checkpoint = () => BigInt(q.checkpoint.get()?.position ?? "0");
  // Applies events that follow `after`, if the index still stands there, and moves the checkpoint
  // to `next` in the same transaction: it only ever moves forward over events it applied.
  const applyPage = db.transaction((events: readonly (LedgerEvent | undefined)[], after: bigint, next: bigint) => {
    assertInvariant(checkpoint() === after, "the write index is written in log order", { after });
    assertInvariant(next > after, "the write index's checkpoint moves only forward", { after, next });
    for (const event of events) if (event) foldIntoWriteIndex(event, inSql);
    q.saveCheckpoint.run(next.toString());
  });
  // The unwritten rows as the same transaction, handed to the SQL sink: voids of written rows first,
  // then the distributions in key order (neighbouring B-tree pages, written once for many rows), each
  // with the void flag it gained in memory: a row no single event adds, so it has its own statement.
  const writeUnwritten = db.transaction((rows: Unwritten, after: bigint, next: bigint) => {
    assertInvariant(checkpoint() === after, "the write index is written in log order", { after });
    assertInvariant(next > after, "the write index's checkpoint moves only forward", { after, next });
    for (const cboId of rows.cbos) inSql.cboAdded(cboId);
    for (const donorId of rows.donors) inSql.donorAdded(donorId);
    for (const [fundId, { cboId, donorId, restrictedTo }] of rows.funds)
      inSql.fundAdded(fundId, cboId, donorId, restrictedTo);
    for (const distributionId of rows.voided) inSql.distributionVoided(distributionId);
    const ids = [...rows.distributions.keys()].sort();
    for (const id of ids) {
      const { cboId, submissionId, voided } = rows.distributions.get(id)!;
      q.addDistributionVoided.run(id, cboId, submissionId, voided ? 1 : 0);
    }
    q.saveCheckpoint.run(next.toString());
  });

  // Everything up to `written` is in the file; up to `applied`, in the file or in `unwritten`.
  let written = checkpoint();
  let applied = written;
  let unwritten = new Unwritten();
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (applied === written) return;
    writeUnwritten(unwritten, written, applied);
    written = applied;
    unwritten = new Unwritten();
  };
  const applyInMemory = (events: readonly LedgerEvent[], next: bigint) => {
    assertInvariant(next > applied, "the write index's checkpoint moves only forward", { applied, next });
    for (const event of events) foldIntoWriteIndex(event, unwritten);
    applied = next;
    if (unwritten.rows >= policy.atRows) flush();
    // Unref'd: a flush never keeps a stopping process alive; close() writes what is left.
    else flushTimer ??= setTimeout(flush, policy.afterMs).unref();
  };

  let catchingUp: Promise<void> | undefined;
  const catchUpOnce = async () => {
    for (;;) {
      const after = applied;
      const page = await store.readAll({ after, maxCount: 5_000 });
      // noteAppended may have moved on while this page was read: read again from where it stands.
      if (applied !== after) continue;
      if (page.next !== after) {
        flush();
        applyPage(page.events.map(asLedgerEvent), after, page.next);
        written = applied = page.next;
      }
      if (page.isEnd) return;
    }
  };

  const toKnown = (row: {
    distribution_id: string;
    cbo_id: string;
    submission_id: string;
    voided: number;
  }): KnownDistribution => ({
    cboId: row.cbo_id,
    submissionId: row.submission_id,
    voided: row.voided === 1 || unwritten.voided.has(row.distribution_id),
  });

  const index: WriteIndex = {
    // Concurrent requests share one catch-up rather than reading the same pages twice.
    catchUp() {
      catchingUp ??= catchUpOnce().finally(() => (catchingUp = undefined));
      return catchingUp;
    },
    async noteAppended(events, { firstEventId, lastPosition }) {
      const after = applied;
      const next = await store.readAll({ after, maxCount: 1 });
      if (applied === after && next.events[0]?.id === firstEventId) applyInMemory(events, lastPosition);
    },
    hasCbo: (cboId) => unwritten.cbos.has(cboId) || q.cbo.get(cboId) !== undefined,
    hasDonor: (donorId) => unwritten.donors.has(donorId) || q.donor.get(donorId) !== undefined,
    fund(fundId): Row<KnownFund> {
      const row = q.fund.get(fundId);
      if (!row) return unwritten.funds.get(fundId);
      return {
        cboId: row.cbo_id,
        donorId: row.donor_id,
        ...(row.restricted_to ? { restrictedTo: JSON.parse(row.restricted_to) as KnownFund["restrictedTo"] } : {}),
      };
    },
    distribution(distributionId): Row<KnownDistribution> {
      const row = q.distribution.get(distributionId);
      return row ? toKnown({ ...row, distribution_id: distributionId }) : unwritten.distributions.get(distributionId);
    },
    withDistributions(ids) {
      const known = new Map<string, KnownDistribution>();
      for (const row of q.distributionsIn.all(JSON.stringify(ids))) known.set(row.distribution_id, toKnown(row));
      if (unwritten.distributions.size > 0)
        for (const id of ids) {
          const row = known.has(id) ? undefined : unwritten.distributions.get(id);
          if (row) known.set(id, row);
        }
      return { ...index, distribution: (id) => known.get(id) };
    },
    flush,
    close() {
      flush();
      db.close();
    },
  };
  return index;
}

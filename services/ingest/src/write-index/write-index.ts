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
  close(): void;
}

type Row<T> = T | undefined;

/**
 * The log holds what this service decided and appended, each event checked against its schema
 * before it was: a v1 type is read as its event without parsing it again. A type from a later
 * version of the ledger is none of the write side's business.
 */
const asLedgerEvent = (recorded: RecordedEvent): LedgerEvent | undefined =>
  isEventType(recorded.type) ? ({ type: recorded.type, data: recorded.data } as LedgerEvent) : undefined;

export function openWriteIndex(file: string, store: EventStore): WriteIndex {
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
    voidDistribution: db.prepare("UPDATE distributions SET voided = 1 WHERE distribution_id = ?"),
    saveCheckpoint: db.prepare(
      "INSERT INTO checkpoint VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position",
    ),
  };

  // The SQL twin of the domain's evolveWriteModel: the first record of an id wins (INSERT OR
  // IGNORE), as in every projection.
  const apply = (event: LedgerEvent): void => {
    switch (event.type) {
      case "CboRegistered":
        q.addCbo.run(event.data.cboId);
        return;
      case "DonorRegistered":
        q.addDonor.run(event.data.donorId);
        return;
      case "FundsReceived": {
        const { fundId, cboId, donorId, restrictedTo } = event.data;
        q.addFund.run(fundId, cboId, donorId, restrictedTo ? JSON.stringify(restrictedTo) : null);
        return;
      }
      case "DistributionRecorded":
        q.addDistribution.run(event.data.distributionId, event.data.cboId, event.data.submissionId);
        return;
      case "DistributionVoided":
        q.voidDistribution.run(event.data.distributionId);
        return;
      // The write side decides nothing from these.
      case "DedupPolicySet":
      case "DuplicateFlagResolved":
      case "FlagNoteAdded":
      case "LedgerHeadSigned":
        return;
    }
  };
  const checkpoint = () => BigInt(q.checkpoint.get()?.position ?? "0");
  // Applies events that follow `after`, if the index still stands there: catchUp and noteAppended
  // may interleave, and the checkpoint must only ever move forward over events it applied.
  const applyPage = db.transaction((events: readonly (LedgerEvent | undefined)[], after: bigint, next: bigint) => {
    if (checkpoint() !== after) return;
    assertInvariant(next > after, "the write index's checkpoint moves only forward", { after, next });
    for (const event of events) if (event) apply(event);
    q.saveCheckpoint.run(next.toString());
  });

  let catchingUp: Promise<void> | undefined;
  const catchUpOnce = async () => {
    for (;;) {
      const after = checkpoint();
      const page = await store.readAll({ after, maxCount: 5_000 });
      if (page.next !== after) applyPage(page.events.map(asLedgerEvent), after, page.next);
      if (page.isEnd) return;
    }
  };

  const toKnown = (row: { cbo_id: string; submission_id: string; voided: number }): KnownDistribution => ({
    cboId: row.cbo_id,
    submissionId: row.submission_id,
    voided: row.voided === 1,
  });

  const index: WriteIndex = {
    // Concurrent requests share one catch-up rather than reading the same pages twice.
    catchUp() {
      catchingUp ??= catchUpOnce().finally(() => (catchingUp = undefined));
      return catchingUp;
    },
    async noteAppended(events, { firstEventId, lastPosition }) {
      const after = checkpoint();
      const next = await store.readAll({ after, maxCount: 1 });
      if (next.events[0]?.id === firstEventId) applyPage(events, after, lastPosition);
    },
    hasCbo: (cboId) => q.cbo.get(cboId) !== undefined,
    hasDonor: (donorId) => q.donor.get(donorId) !== undefined,
    fund(fundId): Row<KnownFund> {
      const row = q.fund.get(fundId);
      if (!row) return undefined;
      return {
        cboId: row.cbo_id,
        donorId: row.donor_id,
        ...(row.restricted_to ? { restrictedTo: JSON.parse(row.restricted_to) as KnownFund["restrictedTo"] } : {}),
      };
    },
    distribution(distributionId): Row<KnownDistribution> {
      const row = q.distribution.get(distributionId);
      return row && toKnown(row);
    },
    withDistributions(ids) {
      const known = new Map(
        q.distributionsIn.all(JSON.stringify(ids)).map((row) => [row.distribution_id, toKnown(row)]),
      );
      return { ...index, distribution: (id) => known.get(id) };
    },
    close: () => db.close(),
  };
  return index;
}

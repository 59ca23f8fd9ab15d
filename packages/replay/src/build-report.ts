import { legacyBelowOf, readRecordedHeads } from "@relief-ledger/audit";
import type { EventStore } from "@relief-ledger/event-store";
import { openReadModel, rebuild } from "@relief-ledger/projections";
import { storeUpTo } from "./bounded-store.js";
import { includes, type ReplayPoint } from "./portable/point.js";
import { readTables } from "./read-tables.js";
import { REPORT_FORMAT, type Report } from "./portable/report.js";
import { scanPrefix } from "./scan-log.js";
import { headSizes, lastSignedHead } from "./signed-head.js";

/** Progress of the two passes of a replay, for a progress bar: events done so far in each. */
export interface ReplayProgress {
  scanning: (events: number) => void;
  /** `total`: the events the scan found inside the replay point. */
  replaying(events: number, total: number): void;
}

/**
 * Replays the log up to `point` into a fresh read model at `file` and reads the report from it.
 * The point is first resolved to a position by one pass over the log (which also hashes it); the
 * rebuild then sees the store only up to that position, so both describe the same events.
 */
export async function buildReport(
  store: EventStore,
  point: ReplayPoint,
  file: string,
  progress?: ReplayProgress,
): Promise<Report> {
  const heads = await readRecordedHeads(store);
  const prefix = await scanPrefix(store, includes(point), headSizes(heads), legacyBelowOf(heads), progress?.scanning);
  const end = prefix.lastPosition ?? 0n;
  const rebuilt = await rebuild({
    store: storeUpTo(store, end),
    file,
    ...(progress && { onProgress: (events: number) => progress.replaying(events, prefix.events) }),
  });
  if (rebuilt.checkpoint !== end) {
    throw new Error(`the replay reached position ${rebuilt.checkpoint}, not ${end}: was the store changed meanwhile?`);
  }
  const db = openReadModel(file);
  try {
    const { checkpoint, tables } = readTables(db);
    return {
      format: REPORT_FORMAT,
      point,
      replayed: {
        events: prefix.events,
        lastPosition: prefix.lastPosition?.toString() ?? null,
        lastRecordedAt: prefix.lastRecordedAt,
      },
      head: { treeSize: prefix.events, rootHash: prefix.rootHash, signedHead: lastSignedHead(heads, prefix) },
      readModel: { checkpoint, digest: rebuilt.digest },
      tables,
    };
  } finally {
    db.close();
  }
}

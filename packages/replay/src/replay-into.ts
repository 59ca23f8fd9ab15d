import { join } from "node:path";
import type { EventStore } from "@relief-ledger/event-store";
import { buildReport, type ReplayProgress } from "./build-report.js";
import type { ReplayPoint } from "./portable/point.js";
import type { Report } from "./portable/report.js";
import { writeReport } from "./write-report.js";

/** The fresh read model a replay builds, beside its report. */
export const REPLAY_READ_MODEL_FILE = "read-model.db";

/**
 * A replay as `ledger replay` runs it and as the query service's replay process runs it: the read
 * model rebuilt into `dir`, then the CSVs and report.json written there. One path for both, so the
 * same cut of the same store gives the same bytes whoever asked.
 */
export async function replayInto(
  store: EventStore,
  point: ReplayPoint,
  dir: string,
  progress?: ReplayProgress,
): Promise<{ report: Report; files: string[] }> {
  const report = await buildReport(store, point, join(dir, REPLAY_READ_MODEL_FILE), progress);
  return { report, files: writeReport(dir, report) };
}

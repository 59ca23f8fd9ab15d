// The auditor's replays, as the query service runs them (POST /v1/audit/replays), and the
// comparison of two reports with `ledger reconcile`'s own code (@relief-ledger/replay/portable):
// the page reads the reports and computes the differences itself.

import { diffReports, parseReport, type Difference, type Report } from "@relief-ledger/replay/portable";
import { ApiError, queryPath } from "../api.js";

export type ReplayPoint = { by: "position"; position: string } | { by: "recordedAt"; asOf: string; until: string };

export interface ReplayStatus {
  replayId: string;
  point: ReplayPoint;
  state: "running" | "done" | "failed" | "interrupted";
  phase: "scanning" | "replaying" | null;
  eventsDone: number;
  eventsTotal: number | null;
  startedAt: string;
  finishedAt: string | null;
  summary: {
    events: number;
    lastPosition: string | null;
    lastRecordedAt: string | null;
    rootHash: string;
    signedHeadMatches: boolean | null;
  } | null;
  reason: string | null;
}

/** The files a finished replay offers, in the order `ledger replay` lists them. */
export const REPLAY_FILES = [
  "report.json",
  "cbo-totals.csv",
  "coalition-totals.csv",
  "donor-attribution.csv",
  "flags.csv",
] as const;

export const replayFilePath = (replayId: string, file: (typeof REPLAY_FILES)[number]): string =>
  queryPath(`/v1/audit/replays/${replayId}/files/${file}`);

/** A report for the comparison: read, then checked as `ledger reconcile` checks a file. */
export type LoadedReport = { ok: true; report: Report } | { ok: false; problem: "notJson" | "notReport" };

export function readReport(text: string): LoadedReport {
  const parsed = parseReport(text);
  if (parsed.ok) return { ok: true, report: parsed.report };
  return { ok: false, problem: "notJson" in parsed ? "notJson" : "notReport" };
}

/** A finished replay's report.json, as the service kept it. */
export async function replayReport(replayId: string): Promise<LoadedReport> {
  const response = await fetch(replayFilePath(replayId, "report.json"), { credentials: "same-origin" }).catch(
    () => undefined,
  );
  if (response === undefined) throw new ApiError(0, "network", "the ledger cannot be reached");
  if (!response.ok) throw new ApiError(response.status, "error", "");
  return readReport(await response.text());
}

/** Every difference between two reports: table, key, field, and each side's value. */
export const compareReports = (left: Report, right: Report): Difference[] => diffReports(left, right);

export type { Difference, Report };

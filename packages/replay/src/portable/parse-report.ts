import { REPORT_FORMAT, type Report } from "./report.js";
import { TABLES } from "./tables.js";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isCell = (value: unknown): boolean => value === null || typeof value === "string" || typeof value === "number";

/** What is wrong with a parsed report, or undefined; checked enough that comparing it cannot throw. */
export function reportProblem(json: unknown): string | undefined {
  if (!isObject(json) || json.format !== REPORT_FORMAT) return `its format is not ${REPORT_FORMAT}`;
  const { replayed, head, tables } = json;
  if (!isObject(replayed) || !isObject(head) || !isObject(tables)) return "replayed, head or tables is missing";
  const { lastPosition } = replayed;
  if (lastPosition !== null && !(typeof lastPosition === "string" && /^\d+$/.test(lastPosition)))
    return "replayed.lastPosition is not a position";
  for (const { name } of Object.values(TABLES)) {
    const rows = tables[name];
    if (!Array.isArray(rows)) return `the table ${name} is missing`;
    const bad = rows.findIndex((row) => !isObject(row) || !Object.values(row).every(isCell));
    if (bad >= 0) return `row ${bad + 1} of ${name} is not an object of strings, numbers and nulls`;
  }
  return undefined;
}

/** Why a text is not a report: it is not JSON, or not a report (with what is wrong with it). */
export type ReportParse = { ok: true; report: Report } | { ok: false; notJson: true } | { ok: false; problem: string };

/** A report.json's text, checked; never throws, so a page can say what is wrong with a file. */
export function parseReport(text: string): ReportParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, notJson: true };
  }
  const problem = reportProblem(json);
  return problem === undefined ? { ok: true, report: json as Report } : { ok: false, problem };
}

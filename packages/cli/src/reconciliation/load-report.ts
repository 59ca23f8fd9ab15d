import { readFileSync } from "node:fs";
import { usageError } from "../io.js";
import { REPORT_FORMAT, type Report } from "./report.js";
import { TABLES } from "./tables.js";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isCell = (value: unknown): boolean => value === null || typeof value === "string" || typeof value === "number";

/** What is wrong with a parsed report, or undefined; checked enough that comparing it cannot throw. */
function problemOf(json: unknown): string | undefined {
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

/** A report written by `ledger replay`; anything else is a usage error (exit 2), never a difference. */
export function loadReport(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw usageError(`cannot read the report ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw usageError(`${file} is not JSON: give the report.json that ledger replay wrote`);
  }
  const problem = problemOf(json);
  if (problem !== undefined) throw usageError(`${file} is not a reconciliation report: ${problem}`);
  return json as Report;
}

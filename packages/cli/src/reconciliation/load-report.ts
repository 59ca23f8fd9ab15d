import { readFileSync } from "node:fs";
import { parseReport, type Report } from "@relief-ledger/replay";
import { usageError } from "../io.js";

/** A report written by `ledger replay`; anything else is a usage error (exit 2), never a difference. */
export function loadReport(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw usageError(`cannot read the report ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  const parsed = parseReport(text);
  if (parsed.ok) return parsed.report;
  if ("notJson" in parsed) throw usageError(`${file} is not JSON: give the report.json that ledger replay wrote`);
  throw usageError(`${file} is not a reconciliation report: ${parsed.problem}`);
}

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeCsv } from "@relief-ledger/csv";
import { canonicalJson, type Report } from "./portable/report.js";
import { TABLES } from "./portable/tables.js";

export const REPORT_FILE = "report.json";

/**
 * One CSV per table (a header row, then the rows in key order; an empty cell for null; formulas
 * neutralised, as in every CSV the ledger writes) and the
 * whole report as JSON, written last, so a report.json present means the replay finished.
 */
export function writeReport(dir: string, report: Report): string[] {
  const written = Object.values(TABLES).map((table) => {
    const file = `${table.name}.csv`;
    const rows = report.tables[table.name].map((row) => table.columns.map((column) => row[column]));
    writeFileSync(join(dir, file), writeCsv([table.columns, ...rows]));
    return file;
  });
  writeFileSync(join(dir, REPORT_FILE), canonicalJson(report));
  return [REPORT_FILE, ...written];
}

import { checkSheetRows, todayInIndia, type RowProblem } from "@relief-ledger/domain";
import { count, refusedError } from "../io.js";
import { ID_COLUMN, checkHeader, type Header } from "./columns.js";
import { csvRecords, isBlank } from "./csv-rows.js";
import { idBook } from "./ids.js";
import type { SubmitState } from "./state.js";

export interface Scan {
  header: Header;
  /** Data rows after the header, blank ones included: the last row is rowCount + 1. */
  rowCount: number;
  /** Rows that will be sent. */
  filledRows: number;
  distributionIds?: Record<string, string>;
}

/** Problems listed in full; past this many the file is mostly wrong and the rest are counted. */
export const MAX_LISTED_PROBLEMS = 200;

const describeProblem = ({ row, column, message }: RowProblem): string =>
  `row ${count(row)}${column ? `, column ${column}` : ""}: ${message}`;

/**
 * The first pass: checks the header, then every row with the ledger's own rules (the domain's
 * sheet reader, as the ingest service and the web pages do) and lists every problem of the whole
 * file, before anything is sent. Counts rows and gives each new row its id. It holds one row at
 * a time (and the problems found).
 */
export async function scanFile(file: string, previous: SubmitState | undefined, now = Date.now()): Promise<Scan> {
  const book = idBook(previous);
  const today = todayInIndia(now);
  const problems: string[] = [];
  let problemCount = 0;
  let header: Header | undefined;
  let lastRow = 1;
  let filledRows = 0;
  for await (const { row, cells } of csvRecords(file)) {
    if (header === undefined) {
      const checked = checkHeader(cells);
      if (!checked.ok)
        throw refusedError(`${file} cannot be sent; nothing was sent:\n  ${checked.problems.join("\n  ")}`);
      header = checked.header;
      continue;
    }
    lastRow = row;
    if (isBlank(cells)) continue;
    filledRows++;
    book.see(row);
    const record = Object.fromEntries(header.columns.map((column, i) => [column, cells[i] ?? ""]));
    if (!header.hasIdColumn) record[ID_COLUMN] = book.ids[row] ?? "";
    for (const problem of checkSheetRows([{ row, cells: record }], { today }).problems) {
      problemCount++;
      if (problems.length < MAX_LISTED_PROBLEMS) problems.push(describeProblem(problem));
    }
  }
  if (header === undefined) throw refusedError(`${file} is empty; nothing was sent`);
  if (filledRows === 0) throw refusedError(`${file} has a header but no rows; nothing was sent`);
  if (problemCount > 0) {
    const more = problemCount - problems.length;
    throw refusedError(
      [
        `${file} has ${count(problemCount)} problem${problemCount === 1 ? "" : "s"}; nothing was sent. Fix every row listed and run the same command again:`,
        ...problems.map((line) => `  ${line}`),
        ...(more > 0 ? [`  … and ${count(more)} more`] : []),
      ].join("\n"),
    );
  }
  return { header, rowCount: lastRow - 1, filledRows, ...(header.hasIdColumn ? {} : { distributionIds: book.ids }) };
}

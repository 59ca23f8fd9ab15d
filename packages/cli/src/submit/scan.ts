import { refusedError } from "../io.js";
import { checkHeader, type Header } from "./columns.js";
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

/**
 * The first pass: checks the header and that every row parses, counts rows, and gives each new
 * row its id, all before anything is sent. It holds one row at a time.
 */
export async function scanFile(file: string, previous: SubmitState | undefined): Promise<Scan> {
  const book = idBook(previous);
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
  }
  if (header === undefined) throw refusedError(`${file} is empty; nothing was sent`);
  if (filledRows === 0) throw refusedError(`${file} has a header but no rows; nothing was sent`);
  return { header, rowCount: lastRow - 1, filledRows, ...(header.hasIdColumn ? {} : { distributionIds: book.ids }) };
}

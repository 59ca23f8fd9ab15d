import {
  CSV_COLUMNS,
  CSV_ID_COLUMN,
  CSV_IDENTITY_COLUMNS,
  CSV_REQUIRED_COLUMNS,
  CSV_VALUE_COLUMNS,
  columnLetter,
} from "@relief-ledger/domain";

// The columns are the ingest service's own, from the domain package both read.
export const REQUIRED_COLUMNS = CSV_REQUIRED_COLUMNS;
export const IDENTITY_COLUMNS: readonly string[] = CSV_IDENTITY_COLUMNS;
export const ALL_COLUMNS = CSV_COLUMNS;
export const ID_COLUMN = CSV_ID_COLUMN;

/** Spreadsheet column letters, so a CBO finds a column without the CLI repeating its heading. */
export { columnLetter };

export interface Header {
  /** The file's columns, in its order. */
  columns: string[];
  /** False when the CLI assigns the distributionIds and keeps them in the state file. */
  hasIdColumn: boolean;
}

/**
 * Checks the header row before anything is sent. A heading that is not a submission column is
 * named by its letter only: without a header row the first record's cells would sit here, and
 * a column the CLI does not know (a member's name, say) must never leave the machine.
 */
export function checkHeader(
  cells: readonly string[],
): { ok: true; header: Header } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const known = cells.filter((cell) => ALL_COLUMNS.includes(cell));
  if (known.length === 0) {
    return {
      ok: false,
      problems: [`the first row must be the header row naming the columns (${ALL_COLUMNS.join(", ")})`],
    };
  }
  cells.forEach((cell, i) => {
    if (cell === "") problems.push(`column ${columnLetter(i)} has no heading; delete the column or name it`);
    else if (!ALL_COLUMNS.includes(cell))
      problems.push(`column ${columnLetter(i)} is not a submission column; delete it from the file sent`);
    else if (cells.indexOf(cell) !== i) problems.push(`column ${columnLetter(i)} repeats the column ${cell}`);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (column !== ID_COLUMN && !cells.includes(column)) problems.push(`the required column ${column} is missing`);
  }
  if (CSV_VALUE_COLUMNS.filter((column) => cells.includes(column)).length !== 1)
    problems.push(`name exactly one value column: valueRupees (rupees, as Rs 1,500.50) or valuePaise (whole paise)`);
  if (!IDENTITY_COLUMNS.some((column) => cells.includes(column))) {
    problems.push(`at least one identity column is needed: ${IDENTITY_COLUMNS.join(", ")}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, header: { columns: [...cells], hasIdColumn: cells.includes(ID_COLUMN) } };
}

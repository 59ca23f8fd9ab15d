import { stringify } from "csv-stringify/sync";

/** What a CSV cell may hold; null and undefined are written as an empty cell. */
export type CsvCell = string | number | null | undefined;

/**
 * The ledger's one CSV writer for files people open in a spreadsheet (RFC 4180, "\n" line ends).
 *
 * A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width
 * forms) is prefixed with `'`, so Excel, LibreOffice and Google Sheets show it as text instead of
 * running it as a formula: a CBO's district `=HYPERLINK(…)` must never become a live link in a
 * donor's sheet (OWASP "CSV injection"). Numbers are written as they are: a number is never a
 * formula, and the ledger writes no negative ones.
 */
export function writeCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => cell ?? "")),
    { escape_formulas: true },
  );
}

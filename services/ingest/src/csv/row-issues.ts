import { CSV_IDENTITY_COLUMNS, type FieldError, type RowIssue } from "@relief-ledger/domain";
import { HttpError } from "@relief-ledger/http";

/** Where each record of a file came from: its spreadsheet row. */
export interface CsvLayout {
  rowNumbers: number[];
}

/**
 * Rewrites `distributions.<i>.<field>…` paths as the spreadsheet row and column a CBO can find.
 * The sheet reader names cells itself; this serves refusals made after it (the ledger's 409s).
 */
export function toRowIssues(details: readonly FieldError[], layout: CsvLayout): RowIssue[] {
  return details.map(({ path, message }) => {
    const [head, index, field] = path.split(".");
    if (head !== "distributions" || index === undefined) return { column: head, message };
    const row = layout.rowNumbers[Number(index)];
    if (field === undefined) return { row, message };
    return { row, column: field === "beneficiaryRefs" ? CSV_IDENTITY_COLUMNS.join("|") : field, message };
  });
}

/** The same refusal, its details in rows and columns. */
export function inRows(error: unknown, layout: CsvLayout): unknown {
  if (!(error instanceof HttpError) || !Array.isArray(error.details)) return error;
  return new HttpError(
    error.statusCode,
    error.error,
    error.message,
    toRowIssues(error.details as FieldError[], layout),
  );
}

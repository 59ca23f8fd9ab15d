import { CSV_IDENTITY_COLUMNS, type FieldError, type RowIssue } from "@relief-ledger/domain";
import { HttpError } from "@relief-ledger/http";

/** Where each record of a file came from: its spreadsheet row and the identity columns it filled. */
export interface CsvLayout {
  rowNumbers: number[];
  refColumnsByRow: string[][];
}

const FUNDING_CELL = "must be auto, fund:<fundId> or scheme:<name>";

/** Rewrites `distributions.<i>.<field>…` paths as the spreadsheet row and column a CBO can find. */
export function toRowIssues(details: readonly FieldError[], layout: CsvLayout): RowIssue[] {
  return details.map(({ path, message }) => {
    const [head, index, field, refIndex] = path.split(".");
    if (head !== "distributions" || index === undefined) return { column: head, message };
    const row = layout.rowNumbers[Number(index)];
    if (field === undefined) return { row, message };
    if (field === "funding" && path.endsWith(".kind")) return { row, column: field, message: FUNDING_CELL };
    if (field !== "beneficiaryRefs") return { row, column: field, message };
    const column =
      refIndex === undefined
        ? CSV_IDENTITY_COLUMNS.join("|")
        : layout.refColumnsByRow[Number(index)]?.[Number(refIndex)];
    return { row, column, message };
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

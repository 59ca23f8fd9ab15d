import {
  CSV_COLUMNS,
  CSV_IDENTITY_COLUMNS,
  CSV_REQUIRED_COLUMNS,
  MAX_DISTRIBUTIONS_PER_SUBMISSION,
  SubmissionInputSchema,
  type ParsedSubmission,
  type RowIssue,
} from "@relief-ledger/domain";
import { HttpError, badRequest, validationRefusal } from "@relief-ledger/http";
import { parse } from "csv-parse/sync";
import { inRows, type CsvLayout } from "./row-issues.js";
import { parseFundingCell, parseIntegerCell } from "./columns.js";

function rowToDistribution(row: Record<string, string>): {
  distribution: Record<string, unknown>;
  refColumns: string[];
} {
  const refColumns = CSV_IDENTITY_COLUMNS.filter((type) => row[type]);
  const distribution: Record<string, unknown> = {
    distributionId: row.distributionId,
    service: row.service,
    quantity: parseIntegerCell(row.quantity ?? ""),
    valuePaise: parseIntegerCell(row.valuePaise ?? ""),
    distributedOn: row.distributedOn,
    funding: parseFundingCell(row.funding ?? ""),
    beneficiaryRefs: refColumns.map((type) => ({ type, value: row[type] })),
  };
  if (row.district) distribution.district = row.district;
  return { distribution, refColumns };
}

/** Spreadsheet column letters: A…Z, AA… */
export const columnLetter = (index: number): string =>
  (index >= 26 ? columnLetter(Math.floor(index / 26) - 1) : "") + String.fromCharCode(65 + (index % 26));

// An unknown heading is named by its letter only: a file sent without a header row would
// otherwise have its first record (an Aadhaar number, a name) echoed back.
function checkHeader(header: string[]): void {
  const issues: RowIssue[] = [];
  header.forEach((column, i) => {
    if (!CSV_COLUMNS.includes(column))
      issues.push({ row: 1, column: columnLetter(i), message: "is not a submission column" });
    else if (header.indexOf(column) < i)
      issues.push({
        row: 1,
        column: columnLetter(i),
        message: `repeats column ${columnLetter(header.indexOf(column))}`,
      });
  });
  for (const column of CSV_REQUIRED_COLUMNS) {
    if (!header.includes(column)) issues.push({ row: 1, column, message: "is a required column and is missing" });
  }
  if (issues.length > 0) throw badRequest("the CSV header is wrong; nothing was recorded", issues);
}

/** The records of a CSV file before validation, with where each came from. */
export interface CsvRows {
  distributions: Record<string, unknown>[];
  layout: CsvLayout;
}

/** Reads the records of a CSV file; a bad header or unreadable CSV is refused by row and column, never by value. */
export function readCsvRows(text: string): CsvRows {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      columns: (header: string[]) => (checkHeader(header), header),
      info: true,
      // One record past the most a submission holds is enough to refuse the file.
      to: MAX_DISTRIBUTIONS_PER_SUBMISSION + 1,
    });
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const line = (error as { lines?: number }).lines;
    throw badRequest("the file is not valid CSV; nothing was recorded", [
      { row: line, message: "cannot be read as CSV" },
    ]);
  }
  if (records.length === 0) throw badRequest("the file holds no distributions; nothing was recorded");
  if (records.length > MAX_DISTRIBUTIONS_PER_SUBMISSION) {
    throw badRequest(`a submission holds at most ${MAX_DISTRIBUTIONS_PER_SUBMISSION} rows; split the file`);
  }
  const distributions: Record<string, unknown>[] = [];
  const layout: CsvLayout = { refColumnsByRow: [], rowNumbers: [] };
  for (const { record: row, info } of records) {
    const { distribution, refColumns } = rowToDistribution(row);
    distributions.push(distribution);
    layout.refColumnsByRow.push(refColumns);
    // The line a record ends on is its spreadsheet row, blank lines included.
    layout.rowNumbers.push(info.lines);
  }
  return { distributions, layout };
}

/** The submission the rows make, or a refusal naming each bad cell by row and column. */
export function toSubmission(rows: CsvRows, ids: { submissionId: string; cboId: string }): ParsedSubmission {
  const parsed = SubmissionInputSchema.safeParse({ ...ids, distributions: rows.distributions });
  if (!parsed.success) {
    throw inRows(validationRefusal(parsed.error.issues, "some rows are invalid; nothing was recorded"), rows.layout);
  }
  return parsed.data;
}

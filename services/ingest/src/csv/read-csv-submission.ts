import {
  CSV_ID_COLUMN,
  HEADER_PROBLEMS,
  MAX_DISTRIBUTIONS_PER_SUBMISSION,
  SubmissionInputSchema,
  checkSheetRows,
  sheetHeaderProblems,
  type ParsedSubmission,
  type Problem,
  type RowIssue,
  type SheetCheckOptions,
  type SheetRow,
} from "@relief-ledger/domain";
import { HttpError, badRequest, unprocessable, validationRefusal } from "@relief-ledger/http";
import { parse } from "csv-parse/sync";
import { inRows, type CsvLayout } from "./row-issues.js";

// An unknown heading is named by its letter only: a file sent without a header row would
// otherwise have its first record (an Aadhaar number, a name) echoed back.
function checkHeader(header: string[]): void {
  const issues: RowIssue[] = sheetHeaderProblems(header).map(({ column, problem }) => ({
    row: 1,
    column,
    message: HEADER_PROBLEMS[problem],
  }));
  // The ingest service does not make ids: a CSV sent here names each row's distributionId.
  if (!header.includes(CSV_ID_COLUMN))
    issues.push({ row: 1, column: CSV_ID_COLUMN, message: HEADER_PROBLEMS["header.missing"] });
  if (issues.length > 0) throw badRequest("the CSV header is wrong; nothing was recorded", issues);
}

/** The records of a CSV file before validation, with where each came from. */
export interface CsvRows {
  rows: SheetRow[];
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
  // The line a record ends on is its spreadsheet row, blank lines included.
  const rows = records.map(({ record, info }) => ({ row: info.lines, cells: record }));
  return { rows, layout: { rowNumbers: rows.map(({ row }) => row) } };
}

// Problems the ledger's rules raise about well-formed rows: alone they are a 422, as the JSON route's.
const RULE_PROBLEMS = new Set<Problem>([
  "date.future",
  "date.tooOld",
  "funding.unknownFund",
  "funding.otherCbo",
  "funding.restricted",
  "text.aadhaar",
  "text.phone",
  "text.voter_id",
]);

/**
 * The submission the rows make, or one refusal naming every bad cell by row and column, format
 * and rule problems together (the domain's sheet reader, which the web pages also run).
 */
export function toSubmission(
  csv: CsvRows,
  ids: { submissionId: string; cboId: string },
  rules: Omit<SheetCheckOptions, "cboId">,
): ParsedSubmission {
  const { problems, distributions } = checkSheetRows(csv.rows, { ...rules, cboId: ids.cboId });
  if (problems.length > 0) {
    const details = problems.map(({ row, column, message }) => ({ row, ...(column ? { column } : {}), message }));
    if (problems.every(({ problem }) => RULE_PROBLEMS.has(problem)))
      throw unprocessable("some rows break the ledger's rules; nothing was recorded", details);
    throw badRequest("some rows are invalid; nothing was recorded", details);
  }
  const parsed = SubmissionInputSchema.safeParse({ ...ids, distributions });
  if (!parsed.success) {
    throw inRows(validationRefusal(parsed.error.issues, "some rows are invalid; nothing was recorded"), csv.layout);
  }
  return parsed.data;
}

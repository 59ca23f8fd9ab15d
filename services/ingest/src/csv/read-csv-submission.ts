import {
  MAX_DISTRIBUTIONS_PER_SUBMISSION,
  SubmissionInputSchema,
  formatIssues,
  type ParsedSubmission,
} from "@relief-ledger/domain";
import { HttpError, badRequest } from "@relief-ledger/http";
import { parse } from "csv-parse";
import { inRows, type RowIssue } from "./row-issues.js";
import { ALL_COLUMNS, IDENTITY_COLUMNS, REQUIRED_COLUMNS, parseFundingCell, parseIntegerCell } from "./columns.js";

function rowToDistribution(row: Record<string, string>): {
  distribution: Record<string, unknown>;
  refColumns: string[];
} {
  const refColumns = IDENTITY_COLUMNS.filter((type) => row[type]);
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

function checkHeader(header: string[]): void {
  const unknown = header.filter((column) => !ALL_COLUMNS.includes(column));
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  const issues: RowIssue[] = [
    ...unknown.map((column) => ({ row: 1, column, message: "is not a submission column" })),
    ...missing.map((column) => ({ row: 1, column, message: "is a required column and is missing" })),
  ];
  if (issues.length > 0) throw badRequest("the CSV header is wrong; nothing was recorded", issues);
}

/** Reads a CSV submission as a stream; every bad cell is reported by row and column, never by value. */
export async function readCsvSubmission(
  body: NodeJS.ReadableStream,
  ids: { submissionId: string; cboId: string },
): Promise<{ input: ParsedSubmission; refColumnsByRow: string[][] }> {
  const parser = body.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      columns: (header: string[]) => (checkHeader(header), header),
    }),
  );
  const distributions: Record<string, unknown>[] = [];
  const refColumnsByRow: string[][] = [];
  try {
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      if (distributions.length === MAX_DISTRIBUTIONS_PER_SUBMISSION) {
        throw badRequest(`a submission holds at most ${MAX_DISTRIBUTIONS_PER_SUBMISSION} rows; split the file`);
      }
      const { distribution, refColumns } = rowToDistribution(row);
      distributions.push(distribution);
      refColumnsByRow.push(refColumns);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const line = (error as { lines?: number }).lines;
    throw badRequest("the file is not valid CSV; nothing was recorded", [
      { row: line, message: "cannot be read as CSV" },
    ]);
  }
  const parsed = SubmissionInputSchema.safeParse({ ...ids, distributions });
  if (!parsed.success) {
    throw inRows(
      badRequest("some rows are invalid; nothing was recorded", formatIssues(parsed.error.issues)),
      refColumnsByRow,
    );
  }
  return { input: parsed.data, refColumnsByRow };
}

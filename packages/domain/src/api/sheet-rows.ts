import type { z } from "zod";
import { fundingProblemCode } from "../decide/submission.js";
import type { WriteState } from "../decide/write-state.js";
import { IDENTIFIER_TYPES, type IdentifierType } from "../identifiers/types.js";
import { enteredDateProblemCode } from "../values/calendar-date.js";
import { rupeesAsPaise } from "../values/entered.js";
import { CSV_COLUMNS, CSV_ID_COLUMN, CSV_REQUIRED_COLUMNS, CSV_VALUE_COLUMNS } from "./csv-columns.js";
import { DistributionInputSchema, type DistributionInput } from "./distribution-input.js";
import { PROBLEMS, type Problem } from "./problems.js";
import { ruleFieldsOf } from "./submission-problems.js";

// A spreadsheet (CSV or .xlsx) holds a submission's rows as people type them. This is the one
// reader of such rows: the ingest service's CSV route, and through it the CLI, and the web pages
// before they send anything, all check rows here, so they accept and refuse the same cells.

/** One row of a sheet: its spreadsheet row number (the header is row 1) and its cells by column, trimmed. */
export interface SheetRow {
  row: number;
  cells: Readonly<Record<string, string | undefined>>;
}

/** A problem with one cell (or a whole row, without a column): where, the code, and its English wording. */
export interface RowProblem {
  row: number;
  column?: string;
  problem: Problem;
  message: string;
}

/** A problem with the header row, by column letter: an unknown heading may hold a member's data. */
export interface HeaderProblem {
  column: string;
  problem: HeaderProblemCode;
}

export const HEADER_PROBLEMS = {
  "header.unknown": "is not a submission column — delete it from the file, or name it as the list of columns says",
  "header.repeated": "repeats a column to its left",
  "header.missing": "is a required column and is missing",
  "header.value": "name exactly one value column: valueRupees (rupees) or valuePaise (paise)",
  "header.identity": "add at least one identity column: aadhaar, phone, ration_card, voter_id or member_id",
} as const;
export type HeaderProblemCode = keyof typeof HEADER_PROBLEMS;

/** Spreadsheet column letters: A…Z, AA… */
export const columnLetter = (index: number): string =>
  (index >= 26 ? columnLetter(Math.floor(index / 26) - 1) : "") + String.fromCharCode(65 + (index % 26));

/** Every problem with a header row, or none. A missing column is named by its name, any other by its letter. */
export function sheetHeaderProblems(header: readonly string[]): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  header.forEach((column, i) => {
    if (!CSV_COLUMNS.includes(column)) problems.push({ column: columnLetter(i), problem: "header.unknown" });
    else if (header.indexOf(column) < i) problems.push({ column: columnLetter(i), problem: "header.repeated" });
  });
  for (const column of CSV_REQUIRED_COLUMNS)
    if (column !== CSV_ID_COLUMN && !header.includes(column)) problems.push({ column, problem: "header.missing" });
  if (CSV_VALUE_COLUMNS.filter((column) => header.includes(column)).length !== 1)
    problems.push({ column: CSV_VALUE_COLUMNS.join("|"), problem: "header.value" });
  if (!IDENTIFIER_TYPES.some((type) => header.includes(type)))
    problems.push({ column: IDENTIFIER_TYPES.join("|"), problem: "header.identity" });
  return problems;
}

/** `auto`, `fund:<fundId>` or `scheme:<name>`, as one cell holds it. */
export function fundingOfCell(cell: string): unknown {
  if (cell.toLowerCase() === "auto") return { kind: "auto" };
  const colon = cell.indexOf(":");
  const kind = cell.slice(0, colon).trim().toLowerCase();
  const value = cell.slice(colon + 1).trim();
  if (colon > 0 && kind === "fund") return { kind: "fund", fundId: value.toLowerCase() };
  if (colon > 0 && kind === "scheme") return { kind: "scheme", scheme: value };
  return { kind: "unknown" };
}

/** A whole number stays a number; anything else stays text, for the schema to refuse by name. */
const integerOfCell = (cell: string): unknown => (/^-?\d+$/.test(cell) ? Number(cell) : cell);

/** A sheet row as the JSON record it stands for, and the identity columns it filled (in order). */
export function sheetRowAsInput(cells: SheetRow["cells"]): {
  distribution: Record<string, unknown>;
  refColumns: IdentifierType[];
} {
  const cell = (column: string): string => cells[column]?.trim() ?? "";
  const refColumns = IDENTIFIER_TYPES.filter((type) => cell(type) !== "");
  const rupees = cell("valueRupees");
  const distribution: Record<string, unknown> = {
    distributionId: cell("distributionId"),
    service: cell("service"),
    quantity: integerOfCell(cell("quantity")),
    valuePaise: "valueRupees" in cells ? (rupeesAsPaise(rupees) ?? rupees) : integerOfCell(cell("valuePaise")),
    distributedOn: cell("distributedOn"),
    funding: fundingOfCell(cell("funding")),
    beneficiaryRefs: refColumns.map((type) => ({ type, value: cell(type) })),
  };
  if (cell("district") !== "") distribution.district = cell("district");
  return { distribution, refColumns };
}

const ISSUE_PROBLEMS: Record<string, (issue: z.core.$ZodIssue, rupees: boolean) => Problem> = {
  distributionId: () => "distributionId.invalid",
  service: () => "service.unknown",
  quantity: () => "quantity.invalid",
  valuePaise: (issue, rupees) =>
    issue.code === "too_big" ? "value.tooLarge" : rupees ? "value.invalid" : "valuePaise.invalid",
  distributedOn: () => "date.invalid",
  funding: (issue) => (issue.path.at(-1) === "fundId" ? "funding.fundId" : "funding.invalid"),
  district: () => "text.invalid",
  beneficiaryRefs: () => "identity.none",
};

const KNOWN = new Set<string>(Object.keys(PROBLEMS));

/** The code of a zod issue about one field of a distribution: its own mark, else by the field. */
function problemOfIssue(issue: z.core.$ZodIssue, rupees: boolean): Problem {
  const marked = (issue as { params?: { problem?: unknown } }).params?.problem;
  if (typeof marked === "string" && KNOWN.has(marked)) return marked as Problem;
  const field = String(issue.path[0]);
  return ISSUE_PROBLEMS[field]?.(issue, rupees) ?? "row.invalid";
}

function columnOfIssue(issue: z.core.$ZodIssue, refColumns: readonly IdentifierType[], rupees: boolean): string {
  const [field, refIndex] = issue.path;
  if (field === "beneficiaryRefs")
    return typeof refIndex === "number" ? (refColumns[refIndex] ?? "beneficiaryRefs") : IDENTIFIER_TYPES.join("|");
  if (field === "valuePaise" && rupees) return "valueRupees";
  return String(field);
}

export interface SheetCheck {
  problems: RowProblem[];
  /** The rows as JSON records, in order (valid or not): what a submission of them sends. */
  distributions: Record<string, unknown>[];
}

export interface SheetCheckOptions {
  /** Today in India (YYYY-MM-DD): a date after it, or before 2000, is refused with the format problems. */
  today: string;
  /** The CBO sending the rows and its funds, when known: a row naming another's fund is refused too. */
  cboId?: string;
  funds?: Pick<WriteState, "fund">;
}

const problemAt = (row: number, column: string | undefined, problem: Problem): RowProblem => ({
  row,
  ...(column === undefined ? {} : { column }),
  problem,
  message: PROBLEMS[problem],
});

/**
 * Checks every row at once and lists every problem, format and rule together: the cells (with
 * the same schema the JSON API applies), the date's bounds, a distribution id repeated in the
 * sheet and, given the CBO's funds, the fund each row names (the rules on every cell that
 * parses, also in a row with a bad cell elsewhere). Rows a later run finds already
 * recorded are not among these: that needs the ledger, and the ingest service says so.
 */
export function checkSheetRows(rows: readonly SheetRow[], options: SheetCheckOptions): SheetCheck {
  const problems: RowProblem[] = [];
  const distributions: Record<string, unknown>[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const { row, cells } of rows) {
    const { distribution, refColumns } = sheetRowAsInput(cells);
    distributions.push(distribution);
    const rupees = "valueRupees" in cells;
    const parsed = DistributionInputSchema.safeParse(distribution);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(problemAt(row, columnOfIssue(issue, refColumns, rupees), problemOfIssue(issue, rupees)));
    }
    const id = distribution.distributionId;
    if (typeof id === "string" && id !== "") {
      if (firstRowOfId.has(id)) problems.push(problemAt(row, "distributionId", "distributionId.repeated"));
      else firstRowOfId.set(id, row);
    }
    // The rules judge the fields that parse, also in a row refused for another cell.
    const { distributedOn, funding, service } = parsed.success ? parsed.data : ruleFieldsOf(distribution);
    const date = distributedOn === undefined ? undefined : enteredDateProblemCode(distributedOn, options.today);
    if (date) problems.push(problemAt(row, "distributedOn", date));
    if (options.funds && options.cboId && funding && service) {
      const fundProblem = fundingProblemCode({ funding, service, cboId: options.cboId }, options.funds);
      if (fundProblem) problems.push(problemAt(row, "funding", fundProblem));
    }
  }
  return { problems, distributions };
}

export type { DistributionInput };

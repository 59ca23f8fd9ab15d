import {
  IDENTIFIER_TYPES,
  problemOfText,
  sheetRowAsInput,
  type HeaderProblem,
  type RowProblem,
  type SheetRow,
} from "@relief-ledger/domain/browser";
import type { ServerDetail } from "./send.js";

/** A problem as the page lists it: a spreadsheet row (none for the header), a column, a code to translate. */
export interface ListedProblem {
  row?: number;
  column?: string;
  problem: string;
}

export const fromRowProblems = (problems: readonly RowProblem[]): ListedProblem[] =>
  problems.map(({ row, column, problem }) => ({ row, ...(column ? { column } : {}), problem }));

export const fromHeaderProblems = (problems: readonly HeaderProblem[]): ListedProblem[] =>
  problems.map(({ column, problem }) => ({ row: 1, column, problem }));

/**
 * The ledger's refusal of one part, by the file's rows and columns: `distributions.<i>.<field>`
 * is the part's i-th row, and the English wording is turned back into its code, so it is shown
 * in the page's language (a wording the domain does not know is shown as "cannot be read").
 */
export function fromServerDetails(details: readonly ServerDetail[], partRows: readonly SheetRow[]): ListedProblem[] {
  return details.map(({ path = "", message = "" }) => {
    const [head, index, field, refIndex] = path.split(".");
    const problem = problemOfText(message) ?? "row.invalid";
    const sheetRow = head === "distributions" ? partRows[Number(index)] : undefined;
    if (!sheetRow) return { problem };
    let column = field;
    if (field === "beneficiaryRefs")
      column =
        refIndex === undefined
          ? IDENTIFIER_TYPES.join("|")
          : sheetRowAsInput(sheetRow.cells).refColumns[Number(refIndex)];
    if (field === "valuePaise" && "valueRupees" in sheetRow.cells) column = "valueRupees";
    return { row: sheetRow.row, ...(column ? { column } : {}), problem };
  });
}

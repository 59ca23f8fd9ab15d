import type { SheetRow } from "@relief-ledger/domain/browser";

// Reads a chosen spreadsheet (CSV or .xlsx) in the browser into its header and rows; nothing of it
// leaves the page until the person sends it, and nothing of it is ever stored.

/** The largest file read: 20,000 rows with every column filled fit in far less. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** The most rows read from one file: 20 submissions. */
export const MAX_FILE_ROWS = 20_000;

export interface Sheet {
  header: string[];
  /** Rows with at least one filled cell, with their spreadsheet row numbers (the header is row 1). */
  rows: SheetRow[];
}

export type SheetFailure = "tooLarge" | "tooManyRows" | "unreadable" | "notUtf8" | "empty" | "kind";

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell as the readers give it: text from a CSV; any of these from a workbook. */
type Cell = string | number | boolean | Date | null | undefined;

/** A cell as text, as a person would read it: an Excel date as DD/MM/YYYY, a number in full. */
function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return String(value).trim();
}

function toSheet(table: Cell[][]): Sheet | SheetFailure {
  const [first, ...rest] = table;
  if (!first) return "empty";
  const header = first.map(cellText);
  if (rest.length > MAX_FILE_ROWS) return "tooManyRows";
  const rows: SheetRow[] = [];
  rest.forEach((values, i) => {
    const texts = values.map(cellText);
    if (texts.every((text) => text === "")) return;
    const cells: Record<string, string> = {};
    header.forEach((column, c) => {
      if (column !== "") cells[column] = texts[c] ?? "";
    });
    rows.push({ row: i + 2, cells });
  });
  return rows.length === 0 ? "empty" : { header, rows };
}

/** The file's header and rows, or why it cannot be read. */
export async function readSheetFile(file: File): Promise<Sheet | SheetFailure> {
  if (file.size > MAX_FILE_BYTES) return "tooLarge";
  const name = file.name.toLowerCase();
  try {
    // The readers load only when a file is chosen: the other pages never download them.
    if (name.endsWith(".xlsx")) {
      const { readSheet } = await import("read-excel-file/browser");
      // Its types call a date cell the Date constructor; the cell is a Date.
      return toSheet((await readSheet(file)) as Cell[][]);
    }
    if (!name.endsWith(".csv") && file.type !== "text/csv") return "kind";
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return "notUtf8";
    }
    // Blank lines are kept (as empty records), so row numbers are the ones the spreadsheet shows.
    const { parse } = await import("csv-parse/browser/esm/sync");
    const table = parse(text, { bom: true, trim: true, relax_column_count: true, skip_empty_lines: false });
    return toSheet(table);
  } catch {
    return "unreadable";
  }
}

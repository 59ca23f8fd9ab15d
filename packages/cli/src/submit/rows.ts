import { count } from "../io.js";
import { ALL_COLUMNS } from "./columns.js";

/** The rows of one posted chunk: chunkRows[i] is the file's row of the chunk's i-th record. */
export type ChunkRows = readonly number[];

/** The server numbers a chunk's rows as posted (header = 1, first record = 2); this is the file's row. */
export function fileRow(postedRow: number, chunkRows: ChunkRows): number | "header" | undefined {
  if (postedRow === 1) return "header";
  return chunkRows[postedRow - 2];
}

const NAMED = new Set([...ALL_COLUMNS, "cboId", "submissionId"]);

/** Only a column name the CLI knows is repeated: a header cell of unknown content is not. */
const knownColumn = (column: string): boolean => column.split("|").every((part) => NAMED.has(part));

/** Messages name records by their index in the posted batch (`distributions.12`); name the file's row instead. */
export function inFileRows(message: string, chunkRows: ChunkRows): string {
  return message.replace(/distributions\.(\d+)/g, (whole, index: string) => {
    const row = chunkRows[Number(index)];
    return row === undefined ? whole : `row ${count(row)}`;
  });
}

export interface ServerDetail {
  row?: unknown;
  column?: unknown;
  path?: unknown;
  message?: unknown;
}

/** One line per refused cell: `row 1,203, column aadhaar: <the rule it breaks>`. */
export function describeDetail(detail: ServerDetail, chunkRows: ChunkRows): string {
  const where: string[] = [];
  if (typeof detail.row === "number") {
    const row = fileRow(detail.row, chunkRows);
    where.push(row === "header" ? "header row" : row === undefined ? `posted row ${detail.row}` : `row ${count(row)}`);
  }
  if (typeof detail.column === "string")
    where.push(knownColumn(detail.column) ? `column ${detail.column}` : "a column the CLI does not know");
  else if (typeof detail.path === "string") where.push(inFileRows(detail.path, chunkRows));
  const message = typeof detail.message === "string" ? inFileRows(detail.message, chunkRows) : "is invalid";
  return where.length > 0 ? `${where.join(", ")}: ${message}` : message;
}

/**
 * Hides any identity value of the chunk that a server message might echo. The ledger promises it
 * never does; this keeps a regression there from reaching a CBO's screen or a shared log.
 */
export function redactor(values: Iterable<string>): (text: string) => string {
  const secrets = new Set<string>();
  for (const value of values) {
    for (const form of [value, value.replace(/\D/g, ""), value.toUpperCase()]) if (form.length >= 6) secrets.add(form);
  }
  return (text) => {
    let safe = text;
    for (const secret of secrets) if (safe.includes(secret)) safe = safe.replaceAll(secret, "[hidden]");
    return safe;
  };
}

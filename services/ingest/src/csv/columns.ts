import { IDENTIFIER_TYPES, type IdentifierType } from "@relief-ledger/domain";

/** The CSV columns of a submission: the JSON fields, with funding and identity documents flattened. */
export const REQUIRED_COLUMNS = [
  "distributionId",
  "service",
  "quantity",
  "valuePaise",
  "distributedOn",
  "funding",
] as const;
export const OPTIONAL_COLUMNS = ["district"] as const;
export const IDENTITY_COLUMNS: readonly IdentifierType[] = IDENTIFIER_TYPES;
export const ALL_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ...IDENTITY_COLUMNS];

/** `auto`, `fund:<fundId>` or `scheme:<name>`, as a spreadsheet can hold it in one cell. */
export function parseFundingCell(cell: string): unknown {
  if (cell === "auto") return { kind: "auto" };
  const [kind, ...rest] = cell.split(":");
  const value = rest.join(":");
  if (kind === "fund") return { kind: "fund", fundId: value };
  if (kind === "scheme") return { kind: "scheme", scheme: value };
  return { kind: cell };
}

/** A whole number stays a number; anything else stays text, for the schema to refuse by name. */
export const parseIntegerCell = (cell: string): unknown => (/^-?\d+$/.test(cell) ? Number(cell) : cell);

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

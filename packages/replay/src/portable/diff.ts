import type { Report } from "./report.js";
import { TABLES, keyOf, rowOf, sortRows, type Cell, type Row, type TableSpec, type Tables } from "./tables.js";

/** The field of a difference that is a whole row, present on one side only. */
export const WHOLE_ROW = "(row)";
/** A cell's value; for a whole row, "present" or "absent" (a `Cell` already admits any string). */
export type Side = Cell;

export interface Difference {
  table: string;
  /** The row's key columns and their values; empty for the one-row head table. */
  key: Row;
  field: string;
  left: Side;
  right: Side;
}

/** Every difference between two versions of one table: rows on one side only, then fields that differ. */
export function diffTable(table: TableSpec, left: readonly Row[], right: readonly Row[]): Difference[] {
  const index = (rows: readonly Row[]) => new Map(rows.map((row) => [keyOf(table, row), row]));
  const lefts = index(left);
  const rights = index(right);
  const union = sortRows(table, [...lefts.values(), ...[...rights].filter(([k]) => !lefts.has(k)).map(([, r]) => r)]);
  return union.flatMap((row): Difference[] => {
    const k = keyOf(table, row);
    const [l, r] = [lefts.get(k), rights.get(k)];
    const key = Object.fromEntries(table.keys.map((column) => [column, row[column] ?? null]));
    if (!l || !r)
      return [
        { table: table.name, key, field: WHOLE_ROW, left: l ? "present" : "absent", right: r ? "present" : "absent" },
      ];
    return table.columns
      .filter((column) => !table.keys.includes(column) && (l[column] ?? null) !== (r[column] ?? null))
      .map((field) => ({ table: table.name, key, field, left: l[field] ?? null, right: r[field] ?? null }));
  });
}

export const diffTables = (left: Tables, right: Tables): Difference[] =>
  Object.values(TABLES).flatMap((table) => diffTable(table, left[table.name], right[table.name]));

/** What two reports say of the log itself, as a one-row table: only report against report has it. */
export const HEAD_TABLE: TableSpec = {
  name: "head",
  keys: [],
  columns: ["events", "lastPosition", "lastRecordedAt", "treeSize", "rootHash", "signedTreeSize", "signedRootHash"],
};

export const headRow = ({ replayed, head }: Report): Row =>
  rowOf(HEAD_TABLE, {
    ...replayed,
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    signedTreeSize: head.signedHead?.treeSize,
    signedRootHash: head.signedHead?.rootHash,
  });

/** Every difference between two reports: what they say of the log (the head row), then each table. */
export const diffReports = (left: Report, right: Report): Difference[] => [
  ...diffTable(HEAD_TABLE, [headRow(left)], [headRow(right)]),
  ...diffTables(left.tables, right.tables),
];

/** A value in a report table: what JSON and CSV both hold without loss. */
export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface TableSpec {
  name: string;
  /** The columns that identify a row; the table is sorted by them. */
  keys: readonly string[];
  /** Every column, keys first: the CSV's header. */
  columns: readonly string[];
}

/** In a key column, "all" marks a row that sums over that column (the overall totals). */
export const ALL = "all";

const MEASURES = "distributions valuePaise persons attributedPaise unfundedPaise schemePaise";

/** A table from its key columns and its other columns, each list written as words. */
const spec = <Name extends string>(name: Name, keys: string, rest: string) => ({
  name,
  keys: keys.split(" "),
  columns: `${keys} ${rest}`.split(" "),
});

/** The tables of a reconciliation report, one CSV file each, in the order they are written. */
export const TABLES = {
  cboTotals: spec("cbo-totals", "cboId service month", `name state district ${MEASURES} funds receivedPaise`),
  coalitionTotals: spec("coalition-totals", "service month", `${MEASURES} cbos funds receivedPaise`),
  donorAttribution: spec(
    "donor-attribution",
    "donorId fundId service month",
    "name kind cboId receivedOn restrictedTo reference funds receivedPaise attributedPaise remainingPaise distributions persons",
  ),
  flags: spec(
    "flags",
    "flagId",
    "personId service distributedOn cboId cboIds windowOpensOn earlierCount windowDays maxPerWindow status verdict note resolvedAt",
  ),
} as const satisfies Record<string, TableSpec>;

export type TableName = (typeof TABLES)[keyof typeof TABLES]["name"];
export type Tables = Record<TableName, Row[]>;

/** A row with every column of its table, in the table's order; a column not given is null. */
export const rowOf = (table: TableSpec, values: object): Row =>
  Object.fromEntries(
    table.columns.map((column) => [column, (values as Record<string, Cell | undefined>)[column] ?? null]),
  );

/** The key of a row as one string, for indexing and for sorting by code unit (never by locale). */
export const keyOf = (table: TableSpec, row: Row): string => JSON.stringify(table.keys.map((key) => row[key] ?? null));

// Overall rows ("all") sort before the rows they sum, as a reader expects; no real id is empty.
const sortKeyOf = (table: TableSpec, row: Row): string =>
  JSON.stringify(table.keys.map((key) => (row[key] === ALL ? "" : (row[key] ?? null))));

export const sortRows = (table: TableSpec, rows: Row[]): Row[] =>
  rows
    .map((row) => ({ row, key: sortKeyOf(table, row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);

import { stringify } from "csv-stringify/sync";

/** A column of a CSV export: its header, its HXL hashtag, and how to read it from a row. */
export interface Column<Row> {
  header: string;
  hxl: string;
  value: (row: Row) => string | number | null | undefined;
}

/**
 * A CSV with a second header row of HXL hashtags, so the table opens as-is in the humanitarian
 * tools donors already use (HDX, HXL Proxy). Suppressed counts are left empty.
 */
export function toHxlCsv<Row>(columns: Column<Row>[], rows: Row[]): string {
  return stringify([
    columns.map((c) => c.header),
    columns.map((c) => c.hxl),
    ...rows.map((row) => columns.map((c) => c.value(row) ?? "")),
  ]);
}

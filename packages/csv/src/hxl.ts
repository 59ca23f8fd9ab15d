import { writeCsv, type CsvCell } from "./csv.js";

/** A column of an HXL-tagged CSV: its header, its HXL hashtag, and how to read it from a row. */
export interface Column<Row> {
  header: string;
  hxl: string;
  value: (row: Row) => CsvCell;
}

/**
 * A CSV with a second header row of HXL hashtags, so the table opens as-is in the humanitarian
 * tools donors already use (HDX, HXL Proxy). Empty cells stand for suppressed or absent values.
 */
export function toHxlCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  return writeCsv([
    columns.map((c) => c.header),
    columns.map((c) => c.hxl),
    ...rows.map((row) => columns.map((c) => c.value(row))),
  ]);
}

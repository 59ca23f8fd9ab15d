import type { ComponentChildren } from "preact";

/** A column header: its text, with `numeric` right-aligned and `hidden` read only by screen readers. */
export type Header = string | { label: string; numeric?: boolean; hidden?: boolean };

const headerLabel = (header: Header) => (typeof header === "string" ? header : header.label);
const numericClass = (numeric: boolean | undefined) => (numeric ? "num" : undefined);

/**
 * The frame every table of the pages shares: a box that scrolls sideways on a phone (a region a
 * keyboard can reach, named by `name` or by the heading `labelledBy` points at), the table, its
 * caption, its column headers and the rows the page gives as children.
 * `captionStyle`: "shown" (default), "hidden" (screen readers only) or "none" (the section's heading names it).
 * `layout`: "scroll" for figure tables, "wrap" for the desk's lists (their own widths).
 */
export function TableFrame(props: {
  testId?: string;
  headers: Header[];
  name?: string;
  labelledBy?: string;
  captionStyle?: "shown" | "hidden" | "none";
  layout?: "scroll" | "wrap";
  class?: string;
  children: ComponentChildren;
}) {
  const caption = props.captionStyle ?? "shown";
  const region = props.name !== undefined || props.labelledBy !== undefined;
  return (
    <div
      class={props.layout === "wrap" ? "table-wrap" : "table-scroll"}
      tabIndex={region ? 0 : undefined}
      role={region ? "region" : undefined}
      aria-label={props.labelledBy === undefined ? props.name : undefined}
      aria-labelledby={props.labelledBy}
    >
      <table class={props.class} data-testid={props.testId}>
        {caption !== "none" && (
          <caption class={caption === "hidden" ? "visually-hidden" : undefined}>{props.name}</caption>
        )}
        <thead>
          <tr>
            {props.headers.map((header) =>
              typeof header !== "string" && header.hidden ? (
                <th scope="col">
                  <span class="visually-hidden">{header.label}</span>
                </th>
              ) : (
                <th scope="col" class={typeof header === "string" ? undefined : numericClass(header.numeric)}>
                  {headerLabel(header)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean;
  /** Read only by screen readers (a column of buttons needs no visible title). */
  hiddenHeader?: boolean;
  /** A class for the column's cells ("hash" for hex digests). */
  class?: string;
}

type FrameProps = Omit<Parameters<typeof TableFrame>[0], "headers" | "children" | "name">;

/**
 * A table a screen reader can walk: a caption, column headers, one row per item. The first cell
 * is the row's header unless `rowHeader` is false (lists whose rows have no one naming cell);
 * `rowAttributes` marks a row (its data-* attributes) for tests and styles.
 */
export type DataTableProps<Row> = {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowHeader?: boolean;
  rowAttributes?: (row: Row, index: number) => Record<string, string | number | undefined>;
} & FrameProps;

export function DataTable<Row>(props: DataTableProps<Row>) {
  const { caption, columns, rows, rowHeader, rowAttributes, ...frame } = props;
  return (
    <TableFrame
      {...frame}
      name={caption}
      headers={columns.map((column) => ({
        label: column.header,
        numeric: column.numeric,
        hidden: column.hiddenHeader,
      }))}
    >
      {rows.map((row, index) => (
        <tr {...rowAttributes?.(row, index)}>
          {columns.map((column, i) =>
            i === 0 && rowHeader !== false ? (
              <th scope="row">{column.cell(row)}</th>
            ) : (
              <td class={[numericClass(column.numeric), column.class].filter(Boolean).join(" ") || undefined}>
                {column.cell(row)}
              </td>
            ),
          )}
        </tr>
      ))}
    </TableFrame>
  );
}

/**
 * A list on the CBO desk: the desk's own column widths, the caption read by screen readers only
 * (the section's heading shows it), and no row-naming cell.
 */
export function DeskList<Row>(props: DataTableProps<Row>) {
  return <DataTable layout="wrap" captionStyle="hidden" rowHeader={false} {...props} />;
}

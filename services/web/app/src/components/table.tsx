import type { ComponentChildren } from "preact";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean;
}

/** A plain table a screen reader can walk: a caption, column headers, the first cell a row header. */
export function DataTable<Row>(props: { caption: string; columns: Column<Row>[]; rows: Row[]; testId?: string }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
      <table data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" class={column.numeric ? "num" : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((column, i) =>
                i === 0 ? (
                  <th scope="row">{column.cell(row)}</th>
                ) : (
                  <td class={column.numeric ? "num" : undefined}>{column.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

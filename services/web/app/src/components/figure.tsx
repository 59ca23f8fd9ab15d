import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import { useT } from "../i18n.js";
import { Rupees } from "./figures.js";
import { DataTable, type Column } from "./table.js";

/**
 * A chart with its table view and the CSV/HXL download of the same figures. The table is one
 * button press away (and is what a screen reader is pointed to); the download is the query
 * API's own export, so the file and the page come from one answer.
 */
export function Figure(props: {
  title: string;
  testId: string;
  csvHref?: string;
  chart?: ComponentChildren;
  table: ComponentChildren;
  note?: string;
  /** A long table with no chart starts folded, behind its button. */
  folded?: boolean;
}) {
  const { t } = useT();
  const [showTable, setShowTable] = useState(props.chart === undefined && !props.folded);
  const [opened, setOpened] = useState(showTable);
  const tableId = useId();
  const headingId = useId();
  return (
    <section class="figure" aria-labelledby={headingId} data-testid={props.testId}>
      <div class="figure-head">
        <h2 id={headingId}>{props.title}</h2>
        <div class="figure-actions">
          {(props.chart !== undefined || props.folded) && (
            <button
              type="button"
              aria-expanded={showTable}
              aria-controls={tableId}
              data-testid="toggle-table"
              onClick={() => {
                setOpened(true);
                setShowTable(!showTable);
              }}
            >
              {showTable ? t("figure.hideTable") : t("figure.showTable")}
            </button>
          )}
          {props.csvHref && (
            <a class="button" href={props.csvHref} download data-testid="csv">
              {t("figure.downloadCsv")}
            </a>
          )}
        </div>
      </div>
      {props.note && <p class="note">{props.note}</p>}
      {props.chart}
      {/* Built when first shown: a donor's people table has a row per fund, CBO, service and
          month (a thousand on the full-size demo), which the page need not lay out unread. */}
      <div id={tableId} hidden={!showTable}>
        {opened && props.table}
      </div>
    </section>
  );
}

/**
 * A figure whose table is a DataTable of `rows` captioned with the figure's own title; its test id
 * is the figure's with "table-" for "figure-" unless `tableTestId` names another.
 */
export function TableFigure<Row>(props: {
  title: string;
  testId: string;
  tableTestId?: string;
  rows: Row[];
  columns: Column<Row>[];
  csvHref?: string;
  chart?: ComponentChildren;
  note?: string;
  folded?: boolean;
}) {
  const { rows, columns, tableTestId, ...figure } = props;
  return (
    <Figure
      {...figure}
      table={
        <DataTable
          caption={props.title}
          testId={tableTestId ?? props.testId.replace(/^figure-/, "table-")}
          rows={rows}
          columns={columns}
        />
      }
    />
  );
}

/**
 * Money summed by one key (a month, a service, a state): the chart beside a table of each key,
 * in the order of `keys`, and its rupees. `by` is the key column's header and how a key reads.
 */
export function MoneyByFigure<Key>(props: {
  title: string;
  testId: string;
  csvHref: string;
  chart: ComponentChildren;
  keys: Key[];
  paise: Map<Key, number>;
  by: [header: string, label: (key: Key) => string];
  valueHeader: string;
}) {
  const { keys, paise, by, valueHeader, ...figure } = props;
  return (
    <TableFigure
      {...figure}
      rows={keys}
      columns={[
        { header: by[0], cell: by[1] },
        { header: valueHeader, numeric: true, cell: (key) => <Rupees paise={paise.get(key)!} /> },
      ]}
    />
  );
}

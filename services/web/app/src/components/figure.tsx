import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import { formatMonth } from "../format.js";
import { useT } from "../i18n.js";
import { Chart, type ChartOption } from "./chart.js";
import { Rupees } from "./figures.js";
import { DataTable, type Column } from "./table.js";
import { TileGrid } from "./tile-grid.js";

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
function MoneyByFigure<Key>(props: {
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

/** What a money figure sums by: it names the table's key column and says how a key reads. */
export type MoneyKey = "month" | "service" | "state";

/** One money-by-key figure of a page: what differs between a page's money figures. */
export interface MoneyBySpec {
  by: MoneyKey;
  title: string;
  paise: Map<string, number>;
  /** The bar chart; a figure by state is drawn as the tile map instead. */
  chart?: ChartOption;
  /** The table's rows in order; the sums' own order when not given. */
  keys?: string[];
  /** Where the table downloads from, when not from the page's own answer. */
  csvHref?: string;
}

/**
 * A page's money figures, one per spec, in order: each a chart (the tile map for states) with its
 * table of keys and rupees. The test id is the prefix and the key (`figure-by-month`).
 */
export function MoneyByFigures(props: {
  figures: MoneyBySpec[];
  testIdPrefix: string;
  csvHref: string;
  valueHeader: string;
}) {
  const { t, language } = useT();
  const label: Record<MoneyKey, (key: string) => string> = {
    month: (month) => formatMonth(month, language),
    service: (service) => t(`service.${service}`),
    state: (state) => t(`state.${state}`),
  };
  return (
    <>
      {props.figures.map(({ by, title, paise, chart, keys, csvHref }) => (
        <MoneyByFigure
          key={by}
          title={title}
          testId={`${props.testIdPrefix}${by}`}
          csvHref={csvHref ?? props.csvHref}
          chart={chart ? <Chart option={chart} label={title} /> : <TileGrid paiseByState={paise} label={title} />}
          keys={keys ?? [...paise.keys()]}
          paise={paise}
          by={[t(`figures.${by}`), label[by]]}
          valueHeader={props.valueHeader}
        />
      ))}
    </>
  );
}

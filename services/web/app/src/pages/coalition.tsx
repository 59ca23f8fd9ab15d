import { csvPath, type CoalitionTotals, type StateValueCell } from "../api.js";
import type { ChartOption } from "../components/chart.js";
import { MoneyByFigures, TableFigure } from "../components/figure.js";
import { Count, HeadlineTiles, Persons, Rupees, RupeesShort } from "../components/figures.js";
import { Empty, Failure, Loading } from "../components/status.js";
import { formatMonth } from "../format.js";
import { useT } from "../i18n.js";
import { all, useQuery } from "../use-query.js";
import { sumBy } from "./sums.js";

/**
 * The coalition's headline as the ledger computes it: members reached, support worth Rs X, by
 * service, state and month. Person counts are shown as the API returns them (a hidden count says
 * why: "fewer than 5" or "hidden to protect a small group"); only money is added up here, and
 * money is never suppressed.
 */
export function CoalitionPage() {
  const { t, language } = useT();
  const loaded = all<[CoalitionTotals, { cells: StateValueCell[] }]>(
    useQuery<CoalitionTotals>("/v1/totals"),
    useQuery<{ cells: StateValueCell[] }>("/v1/totals/states"),
  );
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") return <Failure error={loaded.error} />;
  const [totals, states] = loaded.data;
  const { overall, cells } = totals;
  if (cells.length === 0) return <Empty message={t("coalition.empty")} />;

  const byService = sumBy(
    cells,
    (c) => c.service,
    (c) => c.valuePaise,
  );
  const byMonth = sumBy(
    cells,
    (c) => c.month,
    (c) => c.valuePaise,
  );
  const byState = sumBy(
    states.cells,
    (c) => c.state,
    (c) => c.valuePaise,
  );
  const months = [...byMonth.keys()].sort();
  const services = [...byService.keys()];

  const monthChart: ChartOption = {
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { type: "scroll", top: 0 },
    xAxis: { type: "category", data: months.map((m) => formatMonth(m, language)) },
    yAxis: { type: "value", name: t("figures.rupees") },
    series: services.map((service) => ({
      type: "bar",
      stack: "value",
      name: t(`service.${service}`),
      data: months.map((m) => (cells.find((c) => c.service === service && c.month === m)?.valuePaise ?? 0) / 100),
    })),
  };
  const serviceChart: ChartOption = {
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", name: t("figures.rupees") },
    yAxis: { type: "category", data: services.map((s) => t(`service.${s}`)) },
    series: [{ type: "bar", data: services.map((s) => byService.get(s)! / 100) }],
  };

  return (
    <>
      <h1>{t("coalition.title")}</h1>
      <p class="lede" data-testid="headline">
        {t("coalition.headlineBefore")}{" "}
        <strong data-testid="members-reached">
          <Persons cell={overall} />
        </strong>{" "}
        {t("coalition.headlineMiddle")}{" "}
        <strong data-testid="support-worth">
          <RupeesShort paise={overall.valuePaise} />
        </strong>
        {t("coalition.headlineAfter")}
      </p>
      <HeadlineTiles
        area="coalition"
        overall={overall}
        fields={["cbos", "distributions", "attributedPaise", "schemePaise"]}
      />

      <MoneyByFigures
        testIdPrefix="figure-by-"
        csvHref={csvPath("/v1/totals")}
        valueHeader={t("figures.value")}
        figures={[
          { by: "month", title: t("coalition.byMonth"), chart: monthChart, keys: months, paise: byMonth },
          { by: "service", title: t("coalition.byService"), chart: serviceChart, keys: services, paise: byService },
          { by: "state", title: t("coalition.byState"), paise: byState, csvHref: csvPath("/v1/totals/states") },
        ]}
      />
      <TableFigure
        title={t("coalition.cells")}
        testId="figure-cells"
        folded
        csvHref={csvPath("/v1/totals")}
        note={t("coalition.cellsNote")}
        rows={cells}
        columns={[
          { header: t("figures.month"), cell: (c) => formatMonth(c.month, language) },
          { header: t("figures.service"), cell: (c) => t(`service.${c.service}`) },
          { header: t("figures.persons"), numeric: true, cell: (c) => <Persons cell={c} /> },
          { header: t("figures.distributions"), numeric: true, cell: (c) => <Count value={c.distributions} /> },
          { header: t("figures.value"), numeric: true, cell: (c) => <Rupees paise={c.valuePaise} /> },
        ]}
      />
    </>
  );
}

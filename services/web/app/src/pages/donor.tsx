import { csvPath, queryPath, type CboEntry, type DonorAttribution, type FundAttribution } from "../api.js";
import { useSession } from "../auth.js";
import { AuditorDonorBar } from "../audit/auditor-donor-bar.js";
import { Chart, type ChartOption } from "../components/chart.js";
import { MoneyByFigures, TableFigure } from "../components/figure.js";
import { Count, HeadlineTiles, Persons, Rupees } from "../components/figures.js";
import { Alert, Empty, Failure, Loading } from "../components/status.js";
import { formatMonth } from "../format.js";
import { useT } from "../i18n.js";
import { Link, type RouteProps } from "../router.js";
import { all, useQuery } from "../use-query.js";
import { fundFlows, type Flow } from "./flows.js";
import { sumBy } from "./sums.js";

/**
 * A donor's funds: received, attributed and remaining; where the money went (donor → fund → CBO
 * → service); by month and by state; and the people reached, with small cells as the API hides
 * them. A donor key only ever asks for its own donor: another donor's page is refused here,
 * before any request, and the API refuses it too.
 */
export function DonorPage({ params }: RouteProps) {
  const { t, language } = useT();
  const { principal } = useSession();
  const { donorId, fundId } = params as { donorId: string; fundId?: string };
  const ownOnly = principal?.role === "donor" && principal.donorId !== donorId;
  const attributionPath = `/v1/donors/${encodeURIComponent(donorId)}/attribution`;
  const loaded = all<[DonorAttribution, { cbos: CboEntry[] }]>(
    useQuery<DonorAttribution>(ownOnly ? undefined : attributionPath),
    useQuery<{ cbos: CboEntry[] }>(ownOnly ? undefined : "/v1/cbos"),
  );
  if (ownOnly)
    return (
      <Alert testId="failure" status="403">
        {t("donor.notYours")}
      </Alert>
    );
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") return <Failure error={loaded.error} />;
  const [attribution, directory] = loaded.data;
  const cbos = new Map(directory.cbos.map((c) => [c.cboId, c]));
  const funds = fundId ? attribution.funds.filter((f) => f.fundId === fundId) : attribution.funds;
  const donorName = attribution.donor?.name ?? donorId;
  if (fundId && funds.length === 0)
    return (
      <Alert testId="failure" status="404">
        {t("donor.noSuchFund")}
      </Alert>
    );

  const fundLabel = (fund: FundAttribution) =>
    fund.reference ?? t("donor.fundOf", { date: fund.receivedOn, id: fund.fundId.slice(0, 8) });
  const cboName = (cboId: string) => cbos.get(cboId)?.name ?? cboId;
  const cells = funds.flatMap((fund) => fund.cells.map((cell) => ({ ...cell, fund })));
  const flows = fundFlows(funds);
  const byMonth = sumBy(
    cells,
    (c) => c.month,
    (c) => c.paise ?? 0,
  );
  const months = [...byMonth.keys()].sort();
  const byState = sumBy(
    cells,
    (c) => cbos.get(c.cboId)?.state ?? "",
    (c) => c.paise ?? 0,
  );
  byState.delete("");

  const nodeLabel = (flow: Flow, end: "from" | "to") => {
    const node = flow[end];
    if (node.kind === "donor") return donorName;
    if (node.kind === "fund") return fundLabel(funds.find((f) => f.fundId === node.id)!);
    if (node.kind === "cbo") return cboName(node.id);
    if (node.kind === "hidden") return t("donor.smallCells");
    return t(`service.${node.id}`);
  };
  const labels = new Map<string, string>();
  for (const flow of flows) {
    labels.set(flow.from.key, nodeLabel(flow, "from"));
    labels.set(flow.to.key, nodeLabel(flow, "to"));
  }
  const sankey: ChartOption = {
    series: [
      {
        type: "sankey",
        left: 8,
        right: 90,
        top: 8,
        bottom: 8,
        nodeGap: 10,
        emphasis: { focus: "adjacency" },
        label: { formatter: (p: { name: string }) => labels.get(p.name) ?? p.name, overflow: "truncate", width: 85 },
        tooltip: {
          formatter: (p: { name: string; data: { source?: string; target?: string; value: number } }) =>
            p.data.source
              ? `${labels.get(p.data.source)} → ${labels.get(p.data.target!)}: ₹${p.data.value}`
              : (labels.get(p.name) ?? p.name),
        },
        data: [...labels.keys()].map((name) => ({ name })),
        links: flows.map((f) => ({ source: f.from.key, target: f.to.key, value: f.paise / 100 })),
      },
    ],
  };
  const monthChart: ChartOption = {
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: months.map((m) => formatMonth(m, language)) },
    yAxis: { type: "value", name: t("figures.rupees") },
    series: [{ type: "bar", name: t("donor.attributed"), data: months.map((m) => byMonth.get(m)! / 100) }],
  };
  const overall = fundId ? funds[0]! : attribution.overall;

  return (
    <>
      {principal?.role === "auditor" && <AuditorDonorBar donorId={donorId} />}
      <h1>{fundId ? t("donor.fundTitle", { fund: fundLabel(funds[0]!) }) : t("donor.title", { donor: donorName })}</h1>
      {fundId && (
        <p>
          <Link href={`/donors/${encodeURIComponent(donorId)}`}>{t("donor.allFunds")}</Link>
        </p>
      )}
      {!fundId && attribution.funds.length > 0 && (
        <nav class="reports" aria-label={t("statement.linksTitle")} data-testid="donor-reports">
          <Link href={`/donors/${encodeURIComponent(donorId)}/statement`}>{t("statement.link")}</Link>
          <a href={queryPath(`/v1/donors/${encodeURIComponent(donorId)}/iati`)} download={`iati-${donorId}.xml`}>
            {t("statement.iatiLink")}
          </a>
        </nav>
      )}
      {attribution.funds.length === 0 ? (
        <Empty message={t("donor.empty")} />
      ) : (
        <>
          <HeadlineTiles
            area="donor"
            overall={overall}
            fields={["receivedPaise", "attributedPaise", "remainingPaise", "persons"]}
          />

          <TableFigure
            title={t("donor.funds")}
            testId="figure-funds"
            csvHref={csvPath(attributionPath)}
            rows={funds}
            columns={[
              {
                header: t("donor.fund"),
                cell: (f) => (
                  <Link href={`/donors/${encodeURIComponent(donorId)}/funds/${f.fundId}`}>{fundLabel(f)}</Link>
                ),
              },
              { header: t("figures.cbo"), cell: (f) => cboName(f.cboId) },
              { header: t("donor.received"), numeric: true, cell: (f) => <Rupees paise={f.receivedPaise} /> },
              { header: t("donor.attributed"), numeric: true, cell: (f) => <Rupees paise={f.attributedPaise} /> },
              { header: t("donor.remaining"), numeric: true, cell: (f) => <Rupees paise={f.remainingPaise} /> },
              { header: t("figures.persons"), numeric: true, cell: (f) => <Persons cell={f} /> },
            ]}
          />
          {flows.length === 0 ? (
            <Empty message={t("donor.nothingSpent")} />
          ) : (
            <>
              <TableFigure
                title={t("donor.flow")}
                testId="figure-sankey"
                csvHref={csvPath(attributionPath)}
                note={t("donor.flowNote")}
                chart={<Chart option={sankey} label={t("donor.flow")} tall testId="sankey" />}
                tableTestId="table-flows"
                rows={flows}
                columns={[
                  {
                    header: t("donor.from"),
                    cell: (f) => (
                      <span data-kind={f.from.kind} data-id={f.from.id}>
                        {nodeLabel(f, "from")}
                      </span>
                    ),
                  },
                  {
                    header: t("donor.to"),
                    cell: (f) => (
                      <span data-kind={f.to.kind} data-id={f.to.id}>
                        {nodeLabel(f, "to")}
                      </span>
                    ),
                  },
                  { header: t("figures.value"), numeric: true, cell: (f) => <Rupees paise={f.paise} /> },
                ]}
              />
              <MoneyByFigures
                testIdPrefix="figure-donor-by-"
                csvHref={csvPath(attributionPath)}
                valueHeader={t("donor.attributed")}
                figures={[
                  { by: "month", title: t("donor.byMonth"), chart: monthChart, keys: months, paise: byMonth },
                  { by: "state", title: t("donor.byState"), paise: byState },
                ]}
              />
              <TableFigure
                title={t("donor.people")}
                testId="figure-people"
                folded
                csvHref={csvPath(attributionPath)}
                note={t("donor.peopleNote")}
                rows={cells}
                columns={[
                  { header: t("figures.month"), cell: (c) => formatMonth(c.month, language) },
                  { header: t("donor.fund"), cell: (c) => fundLabel(c.fund) },
                  { header: t("figures.cbo"), cell: (c) => cboName(c.cboId) },
                  { header: t("figures.service"), cell: (c) => t(`service.${c.service}`) },
                  { header: t("figures.persons"), numeric: true, cell: (c) => <Persons cell={c} /> },
                  {
                    header: t("figures.distributions"),
                    numeric: true,
                    cell: (c) => <Count value={c.distributions} />,
                  },
                  { header: t("donor.attributed"), numeric: true, cell: (c) => <Rupees paise={c.paise} /> },
                ]}
              />
            </>
          )}
        </>
      )}
    </>
  );
}

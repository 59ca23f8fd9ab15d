import { useEffect, useMemo, useState } from "preact/hooks";
import type { CboEntry, Statement, StatementFund } from "../api.js";
import { useSession } from "../auth.js";
import { Count, Rupees, Terms } from "../components/figures.js";
import { Alert, Empty, Failure, Loading } from "../components/status.js";
import { DataTable } from "../components/table.js";
import { formatCount } from "../format.js";
import { useT } from "../i18n.js";
import { Link, type RouteProps } from "../router.js";
import { all, useQuery } from "../use-query.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A donor's statement, laid out to print (or save as PDF from the browser's print dialog): the
 * funds received in the period, each with what it paid for by CBO and service, what remains and
 * the people reached, and the signed tree head it was computed at. It renders the query API's
 * statement document as it comes; the same document is offered for download, so the printed
 * page and the file `ledger statement --check` verifies are one answer.
 */
export function StatementPage({ params }: RouteProps) {
  const { t, language } = useT();
  const { principal } = useSession();
  const { donorId } = params as { donorId: string };
  const [period, setPeriod] = useState({ from: "", to: "" });
  const ownOnly = principal?.role === "donor" && principal.donorId !== donorId;
  const search = new URLSearchParams();
  if (period.from) search.set("from", period.from);
  if (period.to) search.set("to", period.to);
  const statementPath = `/v1/donors/${encodeURIComponent(donorId)}/statement${search.size > 0 ? `?${search}` : ""}`;
  const loaded = all<[Statement, { cbos: CboEntry[] }]>(
    useQuery<Statement>(ownOnly ? undefined : statementPath),
    useQuery<{ cbos: CboEntry[] }>(ownOnly ? undefined : "/v1/cbos"),
  );
  const statement = loaded.state === "ready" ? loaded.data[0] : undefined;
  const download = useMemo(
    () =>
      statement === undefined
        ? undefined
        : URL.createObjectURL(new Blob([JSON.stringify(statement)], { type: "application/json" })),
    [statement],
  );
  useEffect(() => () => download && URL.revokeObjectURL(download), [download]);

  if (ownOnly)
    return (
      <Alert testId="failure" status="403">
        {t("statement.notYours")}
      </Alert>
    );

  const onPeriod = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const day = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" && DAY.test(value) ? value : "";
    };
    setPeriod({ from: day("from"), to: day("to") });
  };

  const header = (
    <>
      <p class="no-print">
        <Link href={`/donors/${encodeURIComponent(donorId)}`}>{t("statement.back")}</Link>
      </p>
      <form class="period no-print" onSubmit={onPeriod} data-testid="statement-period">
        <label>
          {t("statement.from")} <input type="date" name="from" value={period.from} />
        </label>
        <label>
          {t("statement.to")} <input type="date" name="to" value={period.to} />
        </label>
        <button type="submit">{t("statement.apply")}</button>
      </form>
    </>
  );
  if (loaded.state === "loading")
    return (
      <>
        {header}
        <Loading />
      </>
    );
  if (loaded.state === "failed")
    return (
      <>
        {header}
        {loaded.error.status === 503 ? (
          <p class="status" role="status" data-testid="failure" data-status="503">
            {t("statement.notSigned")}
          </p>
        ) : (
          <Failure error={loaded.error} />
        )}
      </>
    );
  const [shown, directory] = loaded.data;
  const cbos = new Map(directory.cbos.map((c) => [c.cboId, c.name]));
  const cboName = (cboId: string) => cbos.get(cboId) ?? cboId;
  const { head, totals } = shown;
  const fundLabel = (fund: StatementFund) =>
    fund.reference ?? t("statement.fundOf", { date: fund.receivedOn, id: fund.fundId.slice(0, 8) });

  return (
    <article class="statement" data-testid="statement" data-tree-size={head.treeSize}>
      {header}
      <h1>{t("statement.title", { donor: shown.donor?.name ?? shown.donorId })}</h1>
      <p data-testid="statement-period-text">
        {shown.period.from || shown.period.to
          ? t("statement.period", {
              from: shown.period.from ?? t("statement.start"),
              to: shown.period.to ?? t("statement.now"),
            })
          : t("statement.allFunds")}
      </p>
      <p class="no-print actions">
        <button type="button" data-testid="print" onClick={() => window.print()}>
          {t("statement.print")}
        </button>{" "}
        <a href={download} download={`statement-${shown.donorId}-${head.treeSize}.json`} data-testid="statement-json">
          {t("statement.download")}
        </a>
      </p>
      <Terms
        class="tiles"
        testId="statement-totals"
        terms={[
          { label: t("statement.funds"), value: <Count value={totals.funds} /> },
          { label: t("statement.received"), testId: "total-received", value: <Rupees paise={totals.receivedPaise} /> },
          {
            label: t("statement.attributed"),
            testId: "total-attributed",
            value: <Rupees paise={totals.attributedPaise} />,
          },
          {
            label: t("statement.remaining"),
            testId: "total-remaining",
            value: <Rupees paise={totals.remainingPaise} />,
          },
        ]}
      />
      {shown.funds.length === 0 && <Empty message={t("statement.empty")} />}
      {shown.funds.map((fund) => (
        <section class="statement-fund" data-testid="statement-fund" data-fund-id={fund.fundId}>
          <h2>{fundLabel(fund)}</h2>
          <p>{t("statement.fundTo", { cbo: cboName(fund.cboId), date: fund.receivedOn })}</p>
          <Terms
            class="fund-figures"
            terms={[
              { label: t("statement.received"), field: "received", value: <Rupees paise={fund.receivedPaise} /> },
              { label: t("statement.attributed"), field: "attributed", value: <Rupees paise={fund.attributedPaise} /> },
              { label: t("statement.remaining"), field: "remaining", value: <Rupees paise={fund.remainingPaise} /> },
              {
                label: t("statement.reached"),
                field: "persons",
                value: <Count value={fund.persons} withheld={t("statement.withheldPersons")} />,
              },
            ]}
          />
          {fund.lines.length > 0 && (
            <DataTable
              caption={t("statement.linesOf", { fund: fundLabel(fund) })}
              testId="statement-lines"
              rows={[...fund.lines, ...(fund.withheldPaise > 0 ? [null] : [])]}
              columns={[
                {
                  header: t("figures.cbo"),
                  cell: (line) => (line === null ? t("statement.withheld") : cboName(line.cboId)),
                },
                { header: t("figures.service"), cell: (line) => (line === null ? "" : t(`service.${line.service}`)) },
                {
                  header: t("statement.attributed"),
                  numeric: true,
                  cell: (line) => (
                    <span data-line={line === null ? "withheld" : `${line.cboId}/${line.service}`}>
                      <Rupees paise={line === null ? fund.withheldPaise : line.paise} />
                    </span>
                  ),
                },
                {
                  header: t("figures.distributions"),
                  numeric: true,
                  cell: (line) => (line === null ? "" : <Count value={line.distributions} />),
                },
                {
                  header: t("statement.withheldMonths"),
                  numeric: true,
                  cell: (line) => (line === null ? "" : formatCount(line.withheldCells, language)),
                },
              ]}
            />
          )}
        </section>
      ))}
      <section class="statement-head" data-testid="statement-head">
        <h2>{t("statement.headTitle")}</h2>
        <p>
          {t("statement.headText", {
            size: formatCount(head.treeSize, language),
            signedAt: head.signedAt,
            keyId: head.keyId,
          })}
        </p>
        <p>
          {head.cosignatures.length === 0
            ? t("statement.noWitnesses")
            : t("statement.witnesses", { witnesses: head.cosignatures.map((c) => c.witness).join(", ") })}
        </p>
        <pre class="checkpoint" data-testid="checkpoint">
          {head.checkpoint}
        </pre>
        <p>{t("statement.howToCheck")}</p>
        <pre class="command">{`ledger statement --check statement-${shown.donorId}-${head.treeSize}.json --public-key ledger.pub.pem`}</pre>
        <p class="generated">{t("statement.generated", { at: shown.generatedAt })}</p>
      </section>
    </article>
  );
}

import { Link } from "../router.js";
import { auditorOnly } from "../audit/auditor-only.js";
import { all, useQuery } from "../use-query.js";
import { Failure, Loading, Empty } from "../components/status.js";
import { DataTable, type Column } from "../components/table.js";
import { Count, Rupees, RupeesShort, Terms } from "../components/figures.js";
import { useT } from "../i18n.js";
import type { AuditorCboMoney, AuditorDonor } from "../api.js";

/**
 * Where the money went, across every donor: each donor's funds and how far they are spent, one
 * click from that donor's dashboard; and each CBO's value, split into what funds paid, what no
 * fund covered and what government schemes facilitated. Auditors only (decision 0038).
 */
function MoneyOverview() {
  const { t } = useT();
  const loaded = all<[{ donors: AuditorDonor[] }, { cbos: AuditorCboMoney[] }]>(
    useQuery<{ donors: AuditorDonor[] }>("/v1/donors"),
    useQuery<{ cbos: AuditorCboMoney[] }>("/v1/totals/cbos"),
  );
  return (
    <section aria-labelledby="money-title">
      <h1 id="money-title">{t("auditor.money.title")}</h1>
      <p class="lede">{t("auditor.money.intro")}</p>
      {loaded.state === "loading" ? (
        <Loading />
      ) : loaded.state === "failed" ? (
        <Failure error={loaded.error} />
      ) : (
        <MoneyTables donors={loaded.data[0].donors} cbos={loaded.data[1].cbos} />
      )}
    </section>
  );
}

/** A section's heading and what it is for, then its table, or a plain "nothing yet" with no rows. */
function TitledTable<Row>(props: {
  title: string;
  intro?: string;
  testId: string;
  rows: Row[];
  columns: Column<Row>[];
}) {
  return (
    <>
      <h2 id={props.testId.replace(/^table-/, "")}>{props.title}</h2>
      {props.intro && <p>{props.intro}</p>}
      {props.rows.length === 0 ? (
        <Empty />
      ) : (
        <DataTable caption={props.title} testId={props.testId} rows={props.rows} columns={props.columns} />
      )}
    </>
  );
}

function MoneyTables(props: { donors: AuditorDonor[]; cbos: AuditorCboMoney[] }) {
  const { t } = useT();
  const total = (pick: (c: AuditorCboMoney) => number) => props.cbos.reduce((sum, c) => sum + pick(c), 0);
  return (
    <>
      <Terms
        class="tiles"
        testId="money-overall"
        terms={[
          {
            label: t("auditor.money.value"),
            testId: "money-value",
            value: <RupeesShort paise={total((c) => c.valuePaise)} />,
          },
          { label: t("auditor.money.attributed"), value: <RupeesShort paise={total((c) => c.attributedPaise)} /> },
          {
            label: t("auditor.money.unfunded"),
            testId: "money-unfunded",
            value: <RupeesShort paise={total((c) => c.unfundedPaise)} />,
          },
          {
            label: t("auditor.money.scheme"),
            testId: "money-scheme",
            value: <RupeesShort paise={total((c) => c.schemePaise)} />,
          },
        ]}
      />
      <TitledTable
        title={t("auditor.money.donors")}
        testId="table-money-donors"
        rows={props.donors}
        columns={[
          {
            header: t("auditor.money.donor"),
            cell: (d) => <Link href={`/donors/${encodeURIComponent(d.donorId)}`}>{d.name ?? d.donorId}</Link>,
          },
          { header: t("auditor.money.funds"), numeric: true, cell: (d) => <Count value={d.funds} /> },
          { header: t("auditor.money.received"), numeric: true, cell: (d) => <Rupees paise={d.receivedPaise} /> },
          { header: t("auditor.money.attributed"), numeric: true, cell: (d) => <Rupees paise={d.attributedPaise} /> },
          { header: t("auditor.money.remaining"), numeric: true, cell: (d) => <Rupees paise={d.remainingPaise} /> },
          { header: t("auditor.money.persons"), numeric: true, cell: (d) => <Count value={d.persons} /> },
        ]}
      />
      <TitledTable
        title={t("auditor.money.cbos")}
        intro={t("auditor.money.cbosIntro")}
        testId="table-money-cbos"
        rows={props.cbos}
        columns={[
          { header: t("auditor.money.cbo"), cell: (c) => <span data-id={c.cboId}>{c.name ?? c.cboId}</span> },
          { header: t("figures.state"), cell: (c) => (c.state ? t(`state.${c.state}`) : "") },
          { header: t("auditor.money.value"), numeric: true, cell: (c) => <Rupees paise={c.valuePaise} /> },
          { header: t("auditor.money.attributed"), numeric: true, cell: (c) => <Rupees paise={c.attributedPaise} /> },
          { header: t("auditor.money.unfunded"), numeric: true, cell: (c) => <Rupees paise={c.unfundedPaise} /> },
          { header: t("auditor.money.scheme"), numeric: true, cell: (c) => <Rupees paise={c.schemePaise} /> },
        ]}
      />
    </>
  );
}

export const AuditorMoneyPage = auditorOnly(MoneyOverview);

import { useState } from "preact/hooks";
import { ApiError, ingest, query, type CboEntry } from "../api.js";
import { Chart, type ChartOption } from "../components/chart.js";
import { Figure } from "../components/figure.js";
import { Alert, Empty, Failure, Loading } from "../components/status.js";
import { DataTable } from "../components/table.js";
import { formatCount, formatMonth } from "../format.js";
import { useT } from "../i18n.js";
import { Link } from "../router.js";
import { SERVICES } from "@relief-ledger/domain/browser";
import { useQuery } from "../use-query.js";
import type { Flag, FlagOutcomes } from "@relief-ledger/projections/answers";
import { auditorOnly } from "../audit/auditor-only.js";

/** What the auditor filters the queue by; every field is a query parameter of /v1/flags. */
interface Filter {
  cboId?: string;
  state?: string;
  service?: string;
  month?: string;
  status?: "open" | "resolved";
  minCbos?: string;
  order: "oldest" | "newest";
}

const PAGE_SIZES = [5, 25, 100] as const;
const search = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""))
    .toString()
    .replace(/^(.)/, "?$1");

/** A menu option: its value and what the reader sees. */
type Option = [value: string, text: string];

/** A labelled menu, its options in the order given. */
function Menu(props: {
  label: string;
  testId: string;
  value: string;
  onChange: (event: Event) => void;
  options: Option[];
}) {
  return (
    <label>
      {props.label}
      <select data-testid={props.testId} value={props.value} onChange={props.onChange}>
        {props.options.map(([value, text]) => (
          <option value={value} key={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The auditor's queue of suspected duplicate benefits: filtered and ordered on the server (the
 * list is paged by cursor), counted per outcome and month, each flag one click from its evidence,
 * and every open flag of a filter resolvable in one confirmed action, one event per flag.
 */
function FlagQueue() {
  const { t, language } = useT();
  const [filter, setFilter] = useState<Filter>({ status: "open", order: "oldest" });
  const [cursors, setCursors] = useState<string[]>([]);
  const [pageSize, setPageSize] = useState<number>(25);
  const [version, setVersion] = useState(0);
  const { order: _order, status, ...counted } = filter;
  const listPath = `/v1/flags${search({ ...filter, limit: pageSize, cursor: cursors.at(-1) })}`;
  const list = useQuery<{ flags: Flag[]; nextCursor: string | null }>(listPath, version);
  const outcomes = useQuery<{ months: FlagOutcomes[] }>(`/v1/flags/outcomes${search(counted)}`, version);
  const cbos = useQuery<{ cbos: CboEntry[] }>("/v1/cbos");
  const change = (name: keyof Filter) => (event: Event) => {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    setFilter({ ...filter, [name]: value === "" ? undefined : value });
    setCursors([]);
  };
  const states = cbos.state === "ready" ? [...new Set(cbos.data.cbos.map((c) => c.state))].sort() : [];
  const any: Option = ["", t("auditor.flags.any")];
  const cboOptions = cbos.state === "ready" ? cbos.data.cbos.map((c): Option => [c.cboId, c.name]) : [];
  const stateOptions = states.map((code): Option => [code, t(`state.${code}`)]);
  const serviceOptions = SERVICES.map((s): Option => [s, t(`service.${s}`)]);
  const statusOptions: Option[] = [
    ["open", t("auditor.flags.open")],
    ["resolved", t("auditor.flags.resolved")],
  ];
  const minCbosOptions = [2, 3, 4].map((n): Option => [String(n), t("auditor.flags.atLeast", { n })]);
  const orderOptions: Option[] = [
    ["oldest", t("auditor.flags.oldest")],
    ["newest", t("auditor.flags.newest")],
  ];
  const filterMenu = (name: keyof Filter, label: string, testId: string, options: Option[]) => (
    <Menu label={label} testId={testId} value={filter[name] ?? ""} onChange={change(name)} options={options} />
  );
  const openMatching =
    outcomes.state === "ready" && status !== "resolved"
      ? outcomes.data.months.reduce((total, m) => total + m.open, 0)
      : 0;

  return (
    <section aria-labelledby="flags-title">
      <h1 id="flags-title">{t("auditor.flags.title")}</h1>
      <p class="lede">{t("auditor.flags.intro")}</p>
      <form class="filters" data-testid="flag-filters" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t("auditor.flags.filters")}</legend>
          {filterMenu("cboId", t("figures.cbo"), "filter-cbo", [any, ...cboOptions])}
          {filterMenu("state", t("figures.state"), "filter-state", [any, ...stateOptions])}
          {filterMenu("service", t("figures.service"), "filter-service", [any, ...serviceOptions])}
          <label>
            {t("figures.month")}
            <input type="month" data-testid="filter-month" value={filter.month ?? ""} onChange={change("month")} />
          </label>
          {filterMenu("status", t("auditor.flags.status"), "filter-status", [...statusOptions, any])}
          {filterMenu("minCbos", t("auditor.flags.cbosInvolved"), "filter-min-cbos", [any, ...minCbosOptions])}
          {filterMenu("order", t("auditor.flags.order"), "filter-order", orderOptions)}
          <Menu
            label={t("auditor.flags.pageSize")}
            testId="page-size"
            value={String(pageSize)}
            onChange={(event) => {
              setPageSize(Number((event.target as HTMLSelectElement).value));
              setCursors([]);
            }}
            options={PAGE_SIZES.map((size) => [String(size), formatCount(size, language)])}
          />
        </fieldset>
      </form>

      {outcomes.state === "ready" && outcomes.data.months.length > 0 && (
        <OutcomesFigure months={outcomes.data.months} />
      )}

      {status !== "resolved" && (
        <BulkResolve
          key={search(counted)}
          count={openMatching}
          filter={{ ...counted, status: "open" }}
          onDone={() => {
            setCursors([]);
            setVersion((v) => v + 1);
          }}
        />
      )}

      {list.state === "loading" ? (
        <Loading />
      ) : list.state === "failed" ? (
        <Failure error={list.error} />
      ) : list.data.flags.length === 0 ? (
        <Empty message={t("auditor.flags.none")} />
      ) : (
        <>
          <DataTable
            caption={t("auditor.flags.tableCaption")}
            testId="table-flags"
            rows={list.data.flags}
            columns={[
              {
                header: t("auditor.flags.distributedOn"),
                cell: (f) => <Link href={`/audit/flags/${f.flagId}`}>{f.distributedOn}</Link>,
              },
              { header: t("figures.service"), cell: (f) => t(`service.${f.service}`) },
              { header: t("figures.cbo"), cell: (f) => f.cboId },
              {
                header: t("auditor.flags.cbosInvolved"),
                numeric: true,
                cell: (f) => formatCount(f.cboIds.length, language),
              },
              { header: t("auditor.flags.earlier"), numeric: true, cell: (f) => formatCount(f.earlierCount, language) },
              {
                header: t("auditor.flags.status"),
                cell: (f) =>
                  f.resolution ? t(`auditor.flags.verdict.${f.resolution.verdict}`) : t("auditor.flags.open"),
              },
            ]}
          />
          <div class="pager">
            {cursors.length > 0 && (
              <button type="button" data-testid="first-page" onClick={() => setCursors([])}>
                {t("auditor.flags.firstPage")}
              </button>
            )}
            {list.data.nextCursor && (
              <button
                type="button"
                data-testid="next-page"
                onClick={() => setCursors([...cursors, list.data.nextCursor!])}
              >
                {t("auditor.flags.nextPage")}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

export const FlagQueuePage = auditorOnly(FlagQueue);

function OutcomesFigure(props: { months: FlagOutcomes[] }) {
  const { t, language } = useT();
  const outcomes = ["open", "confirmed", "dismissed"] as const;
  const option: ChartOption = {
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    xAxis: { type: "category", data: props.months.map((m) => formatMonth(m.month, language)) },
    yAxis: { type: "value" },
    series: outcomes.map((outcome) => ({
      type: "bar",
      stack: "flags",
      name: outcome === "open" ? t("auditor.flags.open") : t(`auditor.flags.verdict.${outcome}`),
      data: props.months.map((m) => m[outcome]),
    })),
  };
  return (
    <Figure
      title={t("auditor.flags.outcomes")}
      testId="figure-outcomes"
      chart={<Chart option={option} label={t("auditor.flags.outcomes")} />}
      table={
        <DataTable
          caption={t("auditor.flags.outcomes")}
          testId="table-outcomes"
          rows={props.months}
          columns={[
            { header: t("figures.month"), cell: (m) => formatMonth(m.month, language) },
            { header: t("auditor.flags.open"), numeric: true, cell: (m) => formatCount(m.open, language) },
            {
              header: t("auditor.flags.verdict.confirmed"),
              numeric: true,
              cell: (m) => formatCount(m.confirmed, language),
            },
            {
              header: t("auditor.flags.verdict.dismissed"),
              numeric: true,
              cell: (m) => formatCount(m.dismissed, language),
            },
          ]}
        />
      }
    />
  );
}

/** Every open flag of a filter, resolved with one outcome and note after one confirmation: one event each. */
function BulkResolve(props: { count: number; filter: Omit<Filter, "order">; onDone: () => void }) {
  const { t, language } = useT();
  const [verdict, setVerdict] = useState<"confirmed" | "dismissed" | undefined>();
  const [note, setNote] = useState("");
  const [step, setStep] = useState<"form" | "confirm" | "working" | "done">("form");
  const [progress, setProgress] = useState({ done: 0, total: 0, failed: 0 });
  const [problem, setProblem] = useState<string | undefined>();

  const run = async () => {
    setStep("working");
    // The set is fixed first, page by page, so flags resolved meanwhile do not shift the pages.
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await query<{ flags: Flag[]; nextCursor: string | null }>(
        `/v1/flags${search({ ...props.filter, limit: 1000, cursor })}`,
      );
      ids.push(...page.flags.map((f) => f.flagId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    let done = 0;
    let failed = 0;
    setProgress({ done, total: ids.length, failed });
    for (const flagId of ids) {
      try {
        await ingest(`/v1/flags/${flagId}/resolution`, { verdict, note: note.trim() });
        done++;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        failed++;
      }
      setProgress({ done, total: ids.length, failed });
    }
    setStep("done");
    props.onDone();
  };

  // Stays mounted through its run: the counts reloaded after it may well be zero.
  if (props.count === 0 && step === "form") return null;
  return (
    <section class="bulk" aria-labelledby="bulk-title" data-testid="bulk-resolve">
      <h2 id="bulk-title">{t("auditor.flags.bulk.title", { n: formatCount(props.count, language) })}</h2>
      {step === "form" && (
        <form
          class="resolve-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (verdict === undefined || note.trim() === "") setProblem(t("auditor.flags.resolve.missing"));
            else {
              setProblem(undefined);
              setStep("confirm");
            }
          }}
        >
          <VerdictFields verdict={verdict} note={note} onVerdict={setVerdict} onNote={setNote} idPrefix="bulk" />
          {problem && <Alert>{problem}</Alert>}
          <div>
            <button type="submit" data-testid="bulk-start">
              {t("auditor.flags.bulk.start", { n: formatCount(props.count, language) })}
            </button>
          </div>
        </form>
      )}
      {step === "confirm" && (
        <div class="confirm" role="alertdialog" aria-labelledby="bulk-confirm-text" data-testid="bulk-confirm">
          <p id="bulk-confirm-text">
            {t("auditor.flags.bulk.confirm", {
              n: formatCount(props.count, language),
              verdict: t(`auditor.flags.verdict.${verdict!}`),
            })}
          </p>
          <button type="button" data-testid="bulk-confirm-yes" onClick={() => void run()}>
            {t("auditor.flags.bulk.yes")}
          </button>{" "}
          <button type="button" data-testid="bulk-confirm-no" onClick={() => setStep("form")}>
            {t("auditor.flags.bulk.no")}
          </button>
        </div>
      )}
      {(step === "working" || step === "done") && (
        <p class="status" role="status" aria-live="polite" data-testid="bulk-progress" data-step={step}>
          {t(step === "done" ? "auditor.flags.bulk.done" : "auditor.flags.bulk.working", {
            done: formatCount(progress.done, language),
            total: formatCount(progress.total, language),
            failed: formatCount(progress.failed, language),
          })}
        </p>
      )}
    </section>
  );
}

/** The outcome and the note of a resolution, as radio buttons and a text area. */
export function VerdictFields(props: {
  verdict: "confirmed" | "dismissed" | undefined;
  note: string;
  onVerdict: (verdict: "confirmed" | "dismissed") => void;
  onNote: (note: string) => void;
  idPrefix: string;
}) {
  const { t } = useT();
  return (
    <>
      <fieldset>
        <legend>{t("auditor.flags.resolve.outcome")}</legend>
        {(["confirmed", "dismissed"] as const).map((v) => (
          <label key={v} class="choice">
            <input
              type="radio"
              name={`${props.idPrefix}-verdict`}
              value={v}
              data-testid={`${props.idPrefix}-verdict-${v}`}
              checked={props.verdict === v}
              onChange={() => props.onVerdict(v)}
            />{" "}
            {t(`auditor.flags.verdict.${v}`)} — {t(`auditor.flags.resolve.${v}Help`)}
          </label>
        ))}
      </fieldset>
      <label for={`${props.idPrefix}-note`}>{t("auditor.flags.resolve.note")}</label>
      <textarea
        id={`${props.idPrefix}-note`}
        data-testid={`${props.idPrefix}-note`}
        maxLength={2000}
        rows={3}
        value={props.note}
        onInput={(event) => props.onNote((event.target as HTMLTextAreaElement).value)}
      />
    </>
  );
}

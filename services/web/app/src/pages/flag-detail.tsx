import { useEffect, useState } from "preact/hooks";
import { ApiError, ingest } from "../api.js";
import { Rupees } from "../components/figures.js";
import { Alert, Failure, Loading } from "../components/status.js";
import { DataTable } from "../components/table.js";
import { formatCount } from "../format.js";
import { useT } from "../i18n.js";
import { Link, type RouteProps } from "../router.js";
import { all, useQuery } from "../use-query.js";
import { FlagNotes } from "./flag-notes.js";
import { VerdictFields } from "./flag-queue.js";
import type { EarlierDistribution, Flag } from "@relief-ledger/projections/answers";
import { auditorOnly } from "../audit/auditor-only.js";

/**
 * One flag: the person's pseudonymous history of the service in the window (dates, CBOs, values,
 * funding; no identity value exists to show), the policy that raised it, and its resolution or
 * the form to resolve it.
 */
function FlagDetail(props: RouteProps) {
  const { t, language } = useT();
  const { flagId } = props.params;
  const [version, setVersion] = useState(0);
  // Set once the resolution is recorded: the query side shows it only after the projector has
  // applied it, so the page asks again until it does, rather than offer the form a second time.
  const [recorded, setRecorded] = useState(false);
  const loaded = all<[Flag, { earlier: EarlierDistribution[]; nextCursor: string | null }]>(
    useQuery<Flag>(`/v1/flags/${encodeURIComponent(flagId!)}`, version),
    useQuery<{ earlier: EarlierDistribution[]; nextCursor: string | null }>(
      `/v1/flags/${encodeURIComponent(flagId!)}/earlier?limit=1000`,
    ),
  );
  // At most about a minute of asking (200 tries, 300 ms apart); after that the form shows again.
  const waiting = recorded && version < 200 && loaded.state === "ready" && !loaded.data[0].resolution;
  useEffect(() => {
    if (!waiting) return;
    const again = setTimeout(() => setVersion((v) => v + 1), 300);
    return () => clearTimeout(again);
  }, [waiting, version]);
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") return <Failure error={loaded.error} />;
  const [flag, { earlier }] = loaded.data;
  const funding = (d: EarlierDistribution) =>
    d.fundingKind === "fund"
      ? t("auditor.flags.funding.fund", { fundId: d.fundId })
      : d.fundingKind === "scheme"
        ? t("auditor.flags.funding.scheme", { scheme: d.scheme })
        : t("auditor.flags.funding.auto");
  return (
    <section aria-labelledby="flag-title">
      <p>
        <Link href="/audit/flags">{t("auditor.flags.back")}</Link>
      </p>
      <h1 id="flag-title">
        {t("auditor.flags.detailTitle", { service: t(`service.${flag.service}`), on: flag.distributedOn })}
      </h1>
      <dl class="facts" data-testid="flag-facts">
        <dt>{t("auditor.flags.person")}</dt>
        <dd class="hash">{flag.personId}</dd>
        <dt>{t("figures.cbo")}</dt>
        <dd>{flag.cboId}</dd>
        <dt>{t("auditor.flags.cbosInvolved")}</dt>
        <dd>{flag.cboIds.join(", ")}</dd>
        <dt>{t("auditor.flags.policy")}</dt>
        <dd data-testid="flag-policy">
          {t("auditor.flags.policyText", {
            max: formatCount(flag.maxPerWindow, language),
            days: formatCount(flag.windowDays, language),
            opens: flag.windowOpensOn,
          })}
        </dd>
      </dl>
      <DataTable
        caption={t("auditor.flags.history")}
        testId="table-history"
        rows={earlier}
        columns={[
          { header: t("auditor.flags.distributedOn"), cell: (d) => d.distributedOn },
          { header: t("figures.cbo"), cell: (d) => d.cboId },
          { header: t("figures.value"), numeric: true, cell: (d) => <Rupees paise={d.valuePaise} /> },
          { header: t("auditor.flags.fundingHeader"), cell: funding },
        ]}
      />
      <p class="note">{t("auditor.flags.historyNote")}</p>
      <FlagNotes flagId={flag.flagId} title={t("auditor.flags.notesTitle")} />
      {flag.resolution ? (
        <div class="verdict" role="status" data-testid="flag-resolved" data-verdict={flag.resolution.verdict}>
          <h2>{t(`auditor.flags.verdict.${flag.resolution.verdict}`)}</h2>
          <p>{flag.resolution.note}</p>
          <p class="note">{t("auditor.flags.resolvedAt", { at: flag.resolution.resolvedAt.slice(0, 10) })}</p>
        </div>
      ) : waiting ? (
        <Loading />
      ) : (
        <ResolveOne
          flagId={flag.flagId}
          onResolved={() => {
            setRecorded(true);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </section>
  );
}

export const FlagDetailPage = auditorOnly(FlagDetail);

function ResolveOne(props: { flagId: string; onResolved: () => void }) {
  const { t } = useT();
  const [verdict, setVerdict] = useState<"confirmed" | "dismissed" | undefined>();
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    if (verdict === undefined || note.trim() === "") {
      setProblem(t("auditor.flags.resolve.missing"));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    ingest(`/v1/flags/${props.flagId}/resolution`, { verdict, note: note.trim() }).then(props.onResolved, (error) => {
      setBusy(false);
      setProblem(error instanceof ApiError && error.status === 403 ? t("status.forbidden") : t("status.failed"));
    });
  };
  return (
    <section aria-labelledby="resolve-title">
      <h2 id="resolve-title">{t("auditor.flags.resolve.title")}</h2>
      <form class="resolve-form" noValidate onSubmit={submit} data-testid="resolve-form">
        <VerdictFields verdict={verdict} note={note} onVerdict={setVerdict} onNote={setNote} idPrefix="one" />
        {problem && <Alert testId="resolve-problem">{problem}</Alert>}
        <div>
          <button type="submit" data-testid="resolve" disabled={busy}>
            {t("auditor.flags.resolve.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

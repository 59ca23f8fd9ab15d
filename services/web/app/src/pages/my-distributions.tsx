import { SERVICES } from "@relief-ledger/domain/browser";
import type { CboDistribution, Flag } from "@relief-ledger/projections/answers";
import { useEffect, useState } from "preact/hooks";
import { ApiError, query } from "../api.js";
import { useSession } from "../auth.js";
import { Rupees } from "../components/figures.js";
import { Alert, Empty, Failure, Loading } from "../components/status.js";
import { formatCount } from "../format.js";
import { useT } from "../i18n.js";
import { postToIngest, refusalKey } from "../refusal.js";
import { AddFlagNoteStep } from "./flag-notes.js";
import { DeskList } from "../components/table.js";

interface DistributionPage {
  distributions: CboDistribution[];
  nextCursor: string | null;
}

/** Rows per page: a phone screen's worth a few times over. */
export const PAGE_ROWS = 50;

type Filter = Record<"service" | "from" | "to" | "status", string>;
const NO_FILTER: Filter = { service: "", from: "", to: "", status: "" };

function listPath(cboId: string, filter: Filter, cursor?: string): string {
  const params = new URLSearchParams({ limit: String(PAGE_ROWS) });
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  if (cursor) params.set("cursor", cursor);
  return `/v1/cbos/${encodeURIComponent(cboId)}/distributions?${params.toString()}`;
}

type Listing =
  | { state: "loading" }
  | { state: "failed"; error: ApiError }
  | { state: "ready"; rows: CboDistribution[]; nextCursor: string | null; more: boolean };

/** My distributions: the CBO's own records, pseudonymous, filtered and paged; a void with a reason; its flags. */
export function MyDistributionsPage() {
  const { t } = useT();
  const { principal } = useSession();
  if (principal?.role !== "cbo" || !principal.cboId) return <Alert>{t("desk.cboOnly")}</Alert>;
  return (
    <div class="desk">
      <h1>{t("mine.title")}</h1>
      <p>{t("mine.intro")}</p>
      <Distributions cboId={principal.cboId} />
      <Flags />
    </div>
  );
}

function Distributions(props: { cboId: string }) {
  const { t, language } = useT();
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [listing, setListing] = useState<Listing>({ state: "loading" });
  const [voiding, setVoiding] = useState<CboDistribution | undefined>();

  const load = (cursor?: string, before: CboDistribution[] = []) => {
    if (cursor) setListing({ state: "ready", rows: before, nextCursor: cursor, more: true });
    else setListing({ state: "loading" });
    query<DistributionPage>(listPath(props.cboId, filter, cursor)).then(
      (page) =>
        setListing({
          state: "ready",
          rows: [...before, ...page.distributions],
          nextCursor: page.nextCursor,
          more: false,
        }),
      (error: unknown) =>
        setListing({ state: "failed", error: error instanceof ApiError ? error : new ApiError(0, "error", "") }),
    );
  };
  useEffect(() => load(), [filter, props.cboId]);

  const field = (name: keyof Filter) => (event: Event) =>
    setDraft({ ...draft, [name]: (event.target as HTMLInputElement | HTMLSelectElement).value });
  const voided = (distributionId: string) => {
    setVoiding(undefined);
    if (listing.state === "ready")
      setListing({
        ...listing,
        rows: listing.rows.map((row) => (row.distributionId === distributionId ? { ...row, status: "voided" } : row)),
      });
  };

  return (
    <section aria-labelledby="mine-list">
      <h2 id="mine-list">{t("mine.listTitle")}</h2>
      <form
        class="filters"
        data-testid="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
        }}
      >
        <label>
          {t("column.service")}
          <select value={draft.service} onChange={field("service")} data-testid="filter-service">
            <option value="">{t("mine.all")}</option>
            {SERVICES.map((service) => (
              <option value={service}>{t(`service.${service}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t("mine.from")}
          <input type="date" value={draft.from} onChange={field("from")} />
        </label>
        <label>
          {t("mine.to")}
          <input type="date" value={draft.to} onChange={field("to")} />
        </label>
        <label>
          {t("mine.status")}
          <select value={draft.status} onChange={field("status")} data-testid="filter-status">
            <option value="">{t("mine.all")}</option>
            <option value="recorded">{t("mine.recorded")}</option>
            <option value="voided">{t("mine.voided")}</option>
          </select>
        </label>
        <button type="submit">{t("mine.apply")}</button>
      </form>
      {voiding && <VoidStep distribution={voiding} onVoided={voided} onCancel={() => setVoiding(undefined)} />}
      {listing.state === "loading" && <Loading />}
      {listing.state === "failed" && <Failure error={listing.error} />}
      {listing.state === "ready" && listing.rows.length === 0 && <Empty message={t("mine.none")} />}
      {listing.state === "ready" && listing.rows.length > 0 && (
        <>
          <DeskList
            testId="my-distributions"
            caption={t("mine.listTitle")}
            rows={listing.rows}
            rowAttributes={(row) => ({ "data-distribution": row.distributionId, "data-status": row.status })}
            columns={[
              { header: t("column.distributedOn"), cell: (row) => row.distributedOn },
              { header: t("column.service"), cell: (row) => t(`service.${row.service}`) },
              { header: t("column.quantity"), cell: (row) => formatCount(row.quantity, language) },
              { header: t("mine.value"), cell: (row) => <Rupees paise={row.valuePaise} /> },
              { header: t("column.funding"), cell: (row) => t(`mine.funding.${row.funding.kind}`) },
              {
                header: t("mine.submission"),
                cell: (row) => <code title={row.submissionId}>{row.submissionId.slice(-8)}</code>,
              },
              { header: t("mine.status"), cell: (row) => t(`mine.${row.status}`) },
              {
                header: t("mine.actions"),
                hiddenHeader: true,
                cell: (row) =>
                  row.status === "recorded" && (
                    <button type="button" class="secondary" data-testid="void" onClick={() => setVoiding(row)}>
                      {t("mine.void")}
                    </button>
                  ),
              },
            ]}
          />
          {listing.nextCursor && (
            <button
              type="button"
              data-testid="more"
              disabled={listing.more}
              onClick={() => load(listing.nextCursor!, listing.rows)}
            >
              {t("mine.more")}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** The confirmation step: the reason is required, and nothing is voided until it is confirmed. */
function VoidStep(props: { distribution: CboDistribution; onVoided: (id: string) => void; onCancel: () => void }) {
  const { t, language } = useT();
  const { distribution } = props;
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // Submitted fire-and-forget: confirm shows its own outcome (voided, refused, unreachable).
  const confirm = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const posted = await postToIngest(`/v1/distributions/${distribution.distributionId}/void`, { reason });
    setBusy(false);
    if (posted.status === 201) return props.onVoided(distribution.distributionId);
    setProblem(t(refusalKey(posted, "mine.voidFailed", [403, 404])));
  };
  return (
    <section class="notice" aria-labelledby="void-title" data-testid="void-step">
      <form onSubmit={(event) => void confirm(event)}>
        <h3 id="void-title">{t("mine.voidTitle")}</h3>
        <p>
          {t("mine.voidWhat", {
            service: t(`service.${distribution.service}`),
            date: distribution.distributedOn,
            n: formatCount(distribution.quantity, language),
          })}
        </p>
        <p>{t("mine.voidExplain")}</p>
        <label for="void-reason">{t("mine.reason")}</label>
        <textarea
          id="void-reason"
          data-testid="void-reason"
          required
          maxLength={500}
          autoFocus
          value={reason}
          onInput={(event) => setReason((event.target as HTMLTextAreaElement).value)}
        />
        {problem && <Alert testId="void-problem">{problem}</Alert>}
        <p>
          <button type="submit" data-testid="void-confirm" disabled={busy || reason.trim() === ""}>
            {t("mine.voidConfirm")}
          </button>{" "}
          <button type="button" class="secondary" onClick={props.onCancel}>
            {t("mine.cancel")}
          </button>
        </p>
      </form>
    </section>
  );
}

/** Suspected duplicate benefits involving this CBO (the API lists only those for a CBO key), each with a note step. */
function Flags() {
  const { t, language } = useT();
  const [flags, setFlags] = useState<{ flags: Flag[] } | ApiError | undefined>();
  const [noting, setNoting] = useState<Flag | undefined>();
  useEffect(() => {
    query<{ flags: Flag[] }>("/v1/flags?limit=100").then(setFlags, (error: unknown) =>
      setFlags(error instanceof ApiError ? error : new ApiError(0, "error", "")),
    );
  }, []);
  return (
    <section aria-labelledby="mine-flags">
      <h2 id="mine-flags">{t("mine.flagsTitle")}</h2>
      <p>{t("mine.flagsIntro")}</p>
      {flags === undefined && <Loading />}
      {flags instanceof ApiError && <Failure error={flags} />}
      {flags && !(flags instanceof ApiError) && flags.flags.length === 0 && <Empty message={t("mine.noFlags")} />}
      {flags && !(flags instanceof ApiError) && flags.flags.length > 0 && (
        <DeskList
          testId="my-flags"
          caption={t("mine.flagsTitle")}
          rows={flags.flags}
          rowAttributes={(flag) => ({ "data-flag": flag.flagId })}
          columns={[
            { header: t("column.distributedOn"), cell: (flag) => flag.distributedOn },
            { header: t("column.service"), cell: (flag) => t(`service.${flag.service}`) },
            { header: t("mine.earlier"), cell: (flag) => formatCount(flag.earlierCount, language) },
            { header: t("mine.status"), cell: (flag) => t(`mine.flag.${flag.status}`) },
            {
              header: t("notes.column"),
              cell: (flag) => (
                <button type="button" class="secondary" data-testid="note" onClick={() => setNoting(flag)}>
                  {t("notes.add")}
                </button>
              ),
            },
          ]}
        />
      )}
      {noting && (
        <AddFlagNoteStep
          key={noting.flagId}
          flagId={noting.flagId}
          what={t("notes.what", {
            service: t(`service.${noting.service}`),
            date: noting.distributedOn,
            n: formatCount(noting.earlierCount, language),
          })}
          onClose={() => setNoting(undefined)}
        />
      )}
    </section>
  );
}

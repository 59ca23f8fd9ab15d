import type { ComponentChildren } from "preact";
import type { VerifiedCheckpoint } from "@relief-ledger/audit/portable";
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError } from "../api.js";
import "../audit/audit.css";
import { seenHeads, trustKey, type SeenHead } from "../audit/heads-store.js";
import { checkDistribution, checkLatestHead, type HeadCheck, type InclusionVerdict } from "../audit/ledger-check.js";
import { Alert, Failure, Loading } from "../components/status.js";
import { formatCount, formatRupees, LOCALE, type Language } from "../format.js";
import { useT } from "../i18n.js";
import { TableFrame } from "../components/table.js";

/**
 * The auditor checks the ledger from this browser: the operator's signature on the latest head,
 * that head against every head this browser saw before, and one distribution's inclusion proof —
 * all computed here with WebCrypto; the server only hands over the material.
 */
export function AuditorCheckPage() {
  const { t } = useT();
  const [check, setCheck] = useState<HeadCheck | ApiError | undefined>();
  const [seen, setSeen] = useState<SeenHead[]>([]);
  const [run, setRun] = useState(0);
  useEffect(() => {
    // Only the latest check may keep what it verified: starting another aborts this one, so a
    // check that ends after a newer one began neither shows its verdict nor stores its head.
    const latest = new AbortController();
    setCheck(undefined);
    const failure = (error: unknown) => (error instanceof ApiError ? error : new ApiError(0, "error", ""));
    checkLatestHead(latest.signal)
      .catch(failure)
      .then(async (result) => {
        const heads = await seenHeads();
        if (latest.signal.aborted) return;
        setCheck(result);
        setSeen(heads);
      })
      // The browser refused its store of seen heads (private windows may): say so, not "loading".
      .catch((error: unknown) => !latest.signal.aborted && setCheck(failure(error)));
    return () => latest.abort();
  }, [run]);

  return (
    <section aria-labelledby="check-title">
      <h1 id="check-title">{t("auditor.check.title")}</h1>
      <p class="lede">{t("auditor.check.intro")}</p>
      <button type="button" data-testid="check-again" onClick={() => setRun((n) => n + 1)}>
        {t("auditor.check.again")}
      </button>
      {check === undefined ? (
        <Loading />
      ) : check instanceof ApiError ? (
        <Failure error={check} />
      ) : (
        <HeadVerdict check={check} onTrusted={() => setRun((n) => n + 1)} />
      )}
      {check !== undefined && !(check instanceof ApiError) && check.kind === "verified" && (
        <ProveDistribution head={check.head} />
      )}
      <SeenHeads heads={seen} />
    </section>
  );
}

/** A link that downloads text made in this page (a Blob URL: nothing is sent anywhere). */
function DownloadText(props: { name: string; text: string; label: string; testId: string; type?: string }) {
  const url = useMemo(
    () => URL.createObjectURL(new Blob([props.text], { type: props.type ?? "text/plain" })),
    [props.text, props.type],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a class="button" href={url} download={props.name} data-testid={props.testId}>
      {props.label}
    </a>
  );
}

function HeadFacts(props: { head: VerifiedCheckpoint }) {
  const { t, language } = useT();
  const { head } = props;
  return (
    <dl class="facts">
      <dt>{t("auditor.head.treeSize")}</dt>
      <dd data-testid="head-tree-size" data-value={head.treeSize}>
        {formatCount(head.treeSize, language)}
      </dd>
      <dt>{t("auditor.head.rootHash")}</dt>
      <dd class="hash" data-testid="head-root">
        {head.rootHash}
      </dd>
      <dt>{t("auditor.head.origin")}</dt>
      <dd class="hash">{head.origin}</dd>
      <dt>{t("auditor.head.keyId")}</dt>
      <dd class="hash" data-testid="key-id">
        {head.keyId}
      </dd>
    </dl>
  );
}

const CHECKPOINT_DOWNLOADS = {
  verified: { label: "auditor.head.download", testId: "download-head" },
  seen: { label: "auditor.alarm.downloadSeen", testId: "download-seen-head" },
  served: { label: "auditor.alarm.downloadServed", testId: "download-served-head" },
} as const;

/**
 * A checkpoint kept as evidence, as the file `ledger` reads: the head this browser verified, the
 * one it had seen, or the one the server served. A served head that did not verify has no size
 * it can be named by.
 */
function CheckpointDownload(props: {
  which: keyof typeof CHECKPOINT_DOWNLOADS;
  checkpoint: { treeSize?: number; text: string };
}) {
  const { t } = useT();
  const { label, testId } = CHECKPOINT_DOWNLOADS[props.which];
  const { treeSize, text } = props.checkpoint;
  const name =
    treeSize === undefined ? `head-${props.which}-unverified.checkpoint` : `head-${treeSize}-${props.which}.checkpoint`;
  return <DownloadText name={name} text={text} label={t(label)} testId={testId} />;
}

/** The alarm a head check raises: what went wrong (`kind`, `reason`) marked for tests, its title read first. */
function HeadAlarm(props: { kind: string; reason?: string; title: string; children: ComponentChildren }) {
  return (
    <div class="alarm" role="alert" data-testid="head-alarm" data-kind={props.kind} data-reason={props.reason}>
      <h2>{props.title}</h2>
      {props.children}
    </div>
  );
}

function HeadVerdict(props: { check: HeadCheck; onTrusted: () => void }) {
  const { t, language } = useT();
  const { check } = props;
  switch (check.kind) {
    case "verified": {
      const { comparison } = check;
      return (
        <div class="verdict" role="status" data-testid="head-verified">
          <h2>{t("auditor.head.verified")}</h2>
          <HeadFacts head={check.head} />
          {check.firstKey && <p data-testid="first-key">{t("auditor.key.firstUse", { keyId: check.keyId })}</p>}
          <p data-testid="head-comparison" data-kind={comparison.kind}>
            {comparison.kind === "first"
              ? t("auditor.head.first")
              : t(`auditor.head.${comparison.kind}`, {
                  size: formatCount(comparison.seen.treeSize, language),
                  seenAt: formatInstant(comparison.seen.seenAt, language),
                })}
          </p>
          <div class="downloads">
            <CheckpointDownload which="verified" checkpoint={check.head} />
          </div>
        </div>
      );
    }
    case "forged":
      return (
        <HeadAlarm kind="forged" reason={check.reason} title={t("auditor.alarm.forgedTitle")}>
          <p>{t(`auditor.alarm.forged.${check.reason}`)}</p>
          <div class="downloads">
            <CheckpointDownload which="served" checkpoint={{ text: check.text }} />
          </div>
        </HeadAlarm>
      );
    case "inconsistent":
      return (
        <HeadAlarm kind="inconsistent" title={t("auditor.alarm.inconsistentTitle")}>
          <p>
            {t("auditor.alarm.inconsistent", {
              seenSize: formatCount(check.seen.treeSize, language),
              seenAt: formatInstant(check.seen.seenAt, language),
              servedSize: formatCount(check.served.treeSize, language),
            })}
          </p>
          <p>{t("auditor.alarm.evidence")}</p>
          <div class="downloads">
            <CheckpointDownload which="seen" checkpoint={check.seen} />
            <CheckpointDownload which="served" checkpoint={check.served} />
          </div>
        </HeadAlarm>
      );
    case "key-changed": {
      const trusted = check.trusted.map((k) => k.keyId).join(", ");
      return (
        <HeadAlarm kind="key-changed" title={t("auditor.key.changedTitle")}>
          <p>{t("auditor.key.changed", { served: check.served.keyId, trusted })}</p>
          <button
            type="button"
            data-testid="trust-key"
            onClick={() => void trustKey(check.served.keyId, check.served.publicKeyHex).then(props.onTrusted)}
          >
            {t("auditor.key.trust")}
          </button>
        </HeadAlarm>
      );
    }
    case "key-mismatch":
      return (
        <HeadAlarm kind="key-mismatch" title={t("auditor.key.mismatchTitle")}>
          <p>{t("auditor.key.mismatch")}</p>
        </HeadAlarm>
      );
  }
}

const DISTRIBUTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function ProveDistribution(props: { head: VerifiedCheckpoint }) {
  const { t, language } = useT();
  const [distributionId, setDistributionId] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [verdict, setVerdict] = useState<InclusionVerdict | ApiError | "checking" | undefined>();
  const submit = (event: Event) => {
    event.preventDefault();
    const id = distributionId.trim().toLowerCase();
    if (!DISTRIBUTION_ID.test(id)) {
      setProblem(t("auditor.prove.invalid"));
      return;
    }
    setProblem(undefined);
    setVerdict("checking");
    checkDistribution(id, props.head).then(setVerdict, (error: unknown) =>
      setVerdict(error instanceof ApiError ? error : new ApiError(0, "error", "")),
    );
  };
  return (
    <section aria-labelledby="prove-title">
      <h2 id="prove-title">{t("auditor.prove.title")}</h2>
      <p>{t("auditor.prove.intro")}</p>
      <form class="prove-form" onSubmit={submit} noValidate data-testid="prove-form">
        <label for="distribution-id">{t("auditor.prove.label")}</label>
        <input
          id="distribution-id"
          name="distributionId"
          autocomplete="off"
          spellcheck={false}
          value={distributionId}
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? "distribution-id-problem" : undefined}
          onInput={(event) => setDistributionId((event.target as HTMLInputElement).value)}
        />
        {problem && <Alert id="distribution-id-problem">{problem}</Alert>}
        <div>
          <button type="submit" data-testid="prove">
            {t("auditor.prove.submit")}
          </button>
        </div>
      </form>
      {verdict === "checking" ? (
        <Loading />
      ) : verdict instanceof ApiError ? (
        <Alert testId="inclusion-unavailable" status={verdict.status}>
          {t(
            verdict.status === 404
              ? "auditor.prove.notFound"
              : verdict.status === 400 || verdict.status === 409
                ? "auditor.prove.notSignedYet"
                : verdict.status === 403 || verdict.status === 401
                  ? "status.forbidden"
                  : "status.failed",
          )}
        </Alert>
      ) : verdict === undefined ? null : verdict.ok ? (
        <div class="verdict" role="status" data-testid="inclusion-verified">
          <h3>{t("auditor.prove.verified")}</h3>
          <dl class="facts">
            <dt>{t("auditor.prove.leafIndex")}</dt>
            <dd data-testid="inclusion-leaf-index" data-value={verdict.bundle.leafIndex}>
              {formatCount(verdict.bundle.leafIndex, language)}
            </dd>
            <dt>{t("auditor.head.treeSize")}</dt>
            <dd>{formatCount(verdict.bundle.treeSize, language)}</dd>
            <dt>{t("figures.cbo")}</dt>
            <dd>{String(verdict.bundle.event.data.cboId)}</dd>
            <dt>{t("figures.service")}</dt>
            <dd>{t(`service.${String(verdict.bundle.event.data.service)}`)}</dd>
            <dt>{t("auditor.prove.distributedOn")}</dt>
            <dd>{String(verdict.bundle.event.data.distributedOn)}</dd>
            <dt>{t("figures.value")}</dt>
            <dd>{formatRupees(Number(verdict.bundle.event.data.valuePaise), language)}</dd>
            <dt>{t("auditor.prove.leafHash")}</dt>
            <dd class="hash" data-testid="inclusion-leaf-hash">
              {verdict.leafHash}
            </dd>
          </dl>
          <ProofDownload bundle={verdict.bundle} />
        </div>
      ) : (
        <div class="alarm" role="alert" data-testid="inclusion-failed" data-reason={verdict.reason}>
          <h3>{t("auditor.prove.failedTitle")}</h3>
          <p>{t(`auditor.prove.failed.${verdict.reason}`)}</p>
          <ProofDownload bundle={verdict.bundle} />
        </div>
      )}
    </section>
  );
}

function ProofDownload(props: { bundle: unknown }) {
  const { t } = useT();
  return (
    <div class="downloads">
      <DownloadText
        name="inclusion-proof.json"
        type="application/json"
        text={JSON.stringify(props.bundle, null, 2)}
        label={t("auditor.prove.download")}
        testId="download-proof"
      />
    </div>
  );
}

function SeenHeads(props: { heads: SeenHead[] }) {
  const { t, language } = useT();
  if (props.heads.length === 0) return null;
  return (
    <section aria-labelledby="seen-title">
      <h2 id="seen-title">{t("auditor.seen.title")}</h2>
      <p>{t("auditor.seen.intro")}</p>
      <TableFrame
        testId="table-seen-heads"
        captionStyle="none"
        headers={[t("auditor.head.treeSize"), t("auditor.head.rootHash"), t("auditor.seen.seenAt")]}
      >
        {[...props.heads].reverse().map((head) => (
          <tr key={head.treeSize}>
            <td class="num">{formatCount(head.treeSize, language)}</td>
            <td class="hash">{head.rootHash}</td>
            <td>{formatInstant(head.seenAt, language)}</td>
          </tr>
        ))}
      </TableFrame>
    </section>
  );
}

const formatInstant = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(LOCALE[language], { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

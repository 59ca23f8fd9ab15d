import { useSession } from "../auth.js";
import { Count, Rupees } from "../components/figures.js";
import { Empty, Loading } from "../components/status.js";
import { loadReceipts, type Receipt } from "../desk/progress-store.js";
import { formatCount } from "../format.js";
import { useT } from "../i18n.js";
import { Link } from "../router.js";
import { useQuery } from "../use-query.js";

interface SignedHead {
  head: { treeSize: number; rootHash: string; keyId: string };
  signedAt: string;
}

/** Every receipt kept on this device for the signed-in CBO, newest first. */
export function ReceiptsPage() {
  const { t } = useT();
  const { principal } = useSession();
  const receipts = principal?.cboId ? loadReceipts(principal.cboId) : [];
  return (
    <div>
      <h1>{t("receipt.listTitle")}</h1>
      <p>{t("receipt.listIntro")}</p>
      {receipts.length === 0 ? (
        <Empty message={t("receipt.none")} />
      ) : (
        <ul data-testid="receipt-list">
          {receipts.map((r) => (
            <li>
              <Link href={`/desk/receipts/${r.submissionId}`}>
                {t("receipt.listItem", { file: r.fileName, first: r.firstRow, last: r.lastRow })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * One accepted submission's receipt, printable (or saved as PDF from the browser's print dialog):
 * its ids, rows, value, where it stands in the ledger and, once a tree head has been signed after
 * it was recorded, that head, which includes it.
 */
export function ReceiptPage(props: { params: Record<string, string> }) {
  const { t, language } = useT();
  const { principal } = useSession();
  const receipt = principal?.cboId
    ? loadReceipts(principal.cboId).find((r) => r.submissionId === props.params.submissionId)
    : undefined;
  const head = useQuery<SignedHead>("/v1/audit/head");
  if (!receipt) return <Empty message={t("receipt.notHere")} />;
  return (
    <article class="receipt" data-testid="receipt">
      <h1>{t("receipt.title")}</h1>
      <dl>
        <dt>{t("receipt.cbo")}</dt>
        <dd>
          <code>{receipt.cboId}</code>
        </dd>
        <dt>{t("receipt.submission")}</dt>
        <dd>
          <code data-testid="receipt-submission">{receipt.submissionId}</code>
        </dd>
        <dt>{t("receipt.file")}</dt>
        <dd>{t("receipt.rows", { file: receipt.fileName, first: receipt.firstRow, last: receipt.lastRow })}</dd>
        <dt>{t("receipt.count")}</dt>
        <dd data-testid="receipt-count">
          <Count value={receipt.count} />
        </dd>
        <dt>{t("receipt.value")}</dt>
        <dd data-testid="receipt-value">
          <Rupees paise={receipt.valuePaise} />
        </dd>
        <dt>{t("receipt.positions")}</dt>
        <dd>
          <code data-testid="receipt-positions">
            {receipt.firstPosition}–{receipt.lastPosition}
          </code>
        </dd>
        <dt>{t("receipt.recordedAt")}</dt>
        <dd>{new Date(receipt.recordedAt).toLocaleString(language === "en" ? "en-IN" : `${language}-IN`)}</dd>
        {receipt.replayed && <dd>{t("receipt.replayed")}</dd>}
        <dt>{t("receipt.head")}</dt>
        <dd data-testid="receipt-head">
          <HeadView receipt={receipt} head={head} />
        </dd>
      </dl>
      <p class="no-print">
        <button type="button" onClick={() => window.print()} data-testid="print">
          {t("receipt.print")}
        </button>
      </p>
      <p class="hint">{t("receipt.whatItProves", { count: formatCount(receipt.count, language) })}</p>
    </article>
  );
}

function HeadView(props: { receipt: Receipt; head: ReturnType<typeof useQuery<SignedHead>> }) {
  const { t, language } = useT();
  const { head } = props;
  if (head.state === "loading") return <Loading />;
  // No head yet (404), or the latest one was signed before this submission was recorded.
  if (head.state === "failed" || head.data.signedAt < props.receipt.recordedAt) return <>{t("receipt.notSigned")}</>;
  return (
    <>
      {t("receipt.signed", {
        size: formatCount(head.data.head.treeSize, language),
        at: new Date(head.data.signedAt).toLocaleString(`${language}-IN`),
      })}{" "}
      <code class="hash">{head.data.head.rootHash}</code>
    </>
  );
}

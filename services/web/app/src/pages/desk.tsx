import type { ComponentChildren } from "preact";
import {
  CSV_ID_COLUMN,
  IDENTIFIER_TYPES,
  SERVICES,
  checkSheetRows,
  sheetHeaderProblems,
  todayInIndia,
  type SheetRow,
} from "@relief-ledger/domain/browser";
import { useEffect, useRef, useState } from "preact/hooks";
import { useSession } from "../auth.js";
import { Rupees } from "../components/figures.js";
import { fromHeaderProblems, fromRowProblems, fromServerDetails, type ListedProblem } from "../desk/problems.js";
import { clearSendState, loadSendState, saveSendState, type Receipt, type SendState } from "../desk/progress-store.js";
import { newDistributionId, planParts, sendParts, type SendProgress } from "../desk/send.js";
import { readSheetFile, type SheetFailure } from "../desk/sheet-file.js";
import { formatCount } from "../format.js";
import { useT } from "../i18n.js";
import { Link } from "../router.js";
import { TableFrame } from "../components/table.js";
import { Alert } from "../components/status.js";

/**
 * The frame of the desk's two ways in (a spreadsheet, or rows typed one by one): the page's
 * heading, what it is for, and the way to the other.
 */
export function DeskFrame(props: {
  title: string;
  intro: string;
  other: [href: string, text: string];
  children: ComponentChildren;
}) {
  return (
    <div class="desk">
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <p>
        <Link href={props.other[0]}>{props.other[1]}</Link>
      </p>
      {props.children}
    </div>
  );
}

/** At most this many problems are listed; the rest are counted (a file this wrong needs a look first). */
const MAX_LISTED = 1000;

export interface Prepared {
  fileName: string;
  rows: SheetRow[];
  distributions: Record<string, unknown>[];
  valuePaise: number;
  state: SendState;
  resumed: boolean;
}

export type Stage =
  | { kind: "choose" }
  | { kind: "reading" }
  | { kind: "unreadable"; failure: SheetFailure }
  | { kind: "otherFile"; file: File }
  | { kind: "problems"; problems: ListedProblem[]; rows: number }
  | { kind: "ready"; prepared: Prepared }
  | { kind: "sending"; prepared: Prepared; progress: SendProgress }
  | { kind: "refused"; prepared: Prepared; problems: ListedProblem[]; status: number }
  | { kind: "done"; prepared: Prepared; receipts: Receipt[] };

/** The upload page: a CBO's spreadsheet checked in the browser, every problem listed, then sent in parts. */
export const DeskPage = () => <ForCboKey page={Upload} />;

/** A desk page for the signed-in CBO; any other key is told the desk is a CBO's. */
export function ForCboKey(props: { page: (props: { cboId: string }) => preact.JSX.Element }) {
  const { t } = useT();
  const { principal } = useSession();
  if (principal?.role !== "cbo" || !principal.cboId) return <Alert testId="desk-cbo-only">{t("desk.cboOnly")}</Alert>;
  return <props.page cboId={principal.cboId} />;
}

function sameFile(state: SendState, file: File, rows: number): boolean {
  return state.file.name === file.name && state.file.size === file.size && state.file.rows === rows;
}

/**
 * Rows checked with the domain's sheet rules and made ready to send, or every problem with them:
 * the one path from rows to a submission, for a chosen file and for rows typed into the form.
 */
export function checkRows(
  rows: SheetRow[],
  cboId: string,
  file: SendState["file"],
  distributionIds: Record<number, string>,
  earlier?: SendState,
): Stage {
  const { problems, distributions } = checkSheetRows(rows, { today: todayInIndia(), cboId });
  if (problems.length > 0) return { kind: "problems", problems: fromRowProblems(problems), rows: rows.length };
  const state: SendState = earlier ?? { version: 1, cboId, file, distributionIds, parts: planParts(rows.length) };
  const valuePaise = distributions.reduce((sum, d) => sum + (d.valuePaise as number), 0);
  return {
    kind: "ready",
    prepared: { fileName: file.name, rows, distributions, valuePaise, state, resumed: !!earlier },
  };
}

async function prepare(file: File, cboId: string, ignoreEarlier: boolean): Promise<Stage> {
  const sheet = await readSheetFile(file);
  if (typeof sheet === "string") return { kind: "unreadable", failure: sheet };
  const headerProblems = sheetHeaderProblems(sheet.header);
  if (headerProblems.length > 0) return { kind: "problems", problems: fromHeaderProblems(headerProblems), rows: 0 };
  const earlier = ignoreEarlier ? undefined : loadSendState(cboId);
  if (earlier && !sameFile(earlier, file, sheet.rows.length)) return { kind: "otherFile", file };
  const hasIds = sheet.header.includes(CSV_ID_COLUMN);
  const distributionIds: Record<number, string> = hasIds ? {} : { ...earlier?.distributionIds };
  const rows = hasIds
    ? sheet.rows
    : sheet.rows.map(({ row, cells }) => ({
        row,
        cells: { ...cells, [CSV_ID_COLUMN]: (distributionIds[row] ??= newDistributionId()) },
      }));
  const source = { name: file.name, size: file.size, rows: rows.length };
  return checkRows(rows, cboId, source, distributionIds, earlier);
}

export interface SenderOptions {
  /** Keeps ids and progress across a reload (default: the file's store). */
  keep?: (state: SendState) => void;
  /** When every part is recorded. */
  onDone?: () => void;
}

/** Sends prepared rows part by part and follows the stages; the file upload and the hand entry share it. */
export function useSender(options: SenderOptions = {}) {
  const [stage, setStage] = useState<Stage>({ kind: "choose" });
  const leaving = useRef(false);
  useEffect(
    () => () => {
      leaving.current = true;
    },
    [],
  );
  const keep = options.keep ?? saveSendState;
  const send = async (prepared: Prepared) => {
    keep(prepared.state);
    const done = prepared.state.parts.filter((p) => p.status === "recorded").length;
    setStage({
      kind: "sending",
      prepared,
      progress: { rowsRecorded: 0, part: done + 1, parts: prepared.state.parts.length },
    });
    const result = await sendParts({
      state: prepared.state,
      distributions: prepared.distributions,
      rowNumbers: prepared.rows.map((r) => r.row),
      fileName: prepared.fileName,
      keep,
      cancelled: () => leaving.current,
      onProgress: (progress) => setStage({ kind: "sending", prepared, progress }),
    });
    if (result.kind === "cancelled") return;
    if (result.kind === "refused") {
      const partRows = prepared.rows.slice(result.part.from, result.part.to);
      setStage({
        kind: "refused",
        prepared,
        status: result.status,
        problems: fromServerDetails(result.details, partRows),
      });
      return;
    }
    options.onDone?.();
    setStage({ kind: "done", prepared, receipts: result.receipts });
  };
  return { stage, setStage, send };
}

function Upload(props: { cboId: string }) {
  const { t, language } = useT();
  const [earlier, setEarlier] = useState<SendState | undefined>(() => loadSendState(props.cboId));
  const forget = () => {
    clearSendState(props.cboId);
    setEarlier(undefined);
  };
  const { stage, setStage, send } = useSender({ onDone: forget });
  const input = useRef<HTMLInputElement>(null);

  const choose = async (file: File | undefined, ignoreEarlier = false) => {
    if (!file) return;
    setStage({ kind: "reading" });
    setStage(await prepare(file, props.cboId, ignoreEarlier));
  };

  const busy = stage.kind === "sending" || stage.kind === "reading";
  return (
    <DeskFrame title={t("desk.title")} intro={t("desk.intro")} other={["/desk/enter", t("desk.enter.link")]}>
      {earlier && stage.kind !== "sending" && stage.kind !== "done" && (
        <div class="notice" role="status" data-testid="resume-notice">
          <p>
            {t("desk.resume", {
              name: earlier.file.name,
              done: formatCount(earlier.parts.filter((p) => p.status === "recorded").length, language),
              parts: formatCount(earlier.parts.length, language),
            })}
          </p>
          <button type="button" class="secondary" onClick={forget}>
            {t("desk.forget")}
          </button>
        </div>
      )}
      <div class="desk-layout">
        <section aria-labelledby="upload-title">
          <h2 id="upload-title">{t("desk.chooseTitle")}</h2>
          <label class="file-input">
            <span>{t("desk.choose")}</span>
            <input
              ref={input}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="file"
              disabled={busy}
              onChange={(event) => void choose((event.target as HTMLInputElement).files?.[0])}
            />
          </label>
          <p class="hint">{t("desk.privacy")}</p>
          {/* Fire and forget: send shows every outcome (sent, refused, unreachable) as the stage. */}
          <StageView
            stage={stage}
            onSend={(prepared) => void send(prepared)}
            onStartOver={(file) => (forget(), void choose(file, true))}
          />
        </section>
        <AcceptedForms />
      </div>
    </DeskFrame>
  );
}

export function StageView(props: {
  stage: Stage;
  onSend: (prepared: Prepared) => void;
  onStartOver: (file: File) => void;
  /** What to say above problems found before sending and above the ledger's refusal, when not a file's. */
  fixIntro?: string;
  refusedIntro?: string;
}) {
  const { t, language } = useT();
  const { stage } = props;
  switch (stage.kind) {
    case "choose":
      return null;
    case "reading":
      return (
        <p role="status" data-testid="reading">
          {t("desk.reading")}
        </p>
      );
    case "unreadable":
      return <Alert testId="unreadable">{t(`desk.unreadable.${stage.failure}`)}</Alert>;
    case "otherFile":
      return (
        <div role="alert" class="notice" data-testid="other-file">
          <p>{t("desk.otherFile")}</p>
          <button type="button" onClick={() => props.onStartOver(stage.file)}>
            {t("desk.startOver")}
          </button>
        </div>
      );
    case "problems":
      return <ProblemList problems={stage.problems} rows={stage.rows} intro={props.fixIntro ?? t("desk.fixFirst")} />;
    case "ready":
      return (
        <div data-testid="ready">
          <p>
            {t("desk.ready", {
              n: formatCount(stage.prepared.rows.length, language),
              parts: formatCount(stage.prepared.state.parts.length, language),
            })}{" "}
            <Rupees paise={stage.prepared.valuePaise} />
          </p>
          {stage.prepared.resumed && <p data-testid="continuing">{t("desk.continuing")}</p>}
          <button type="button" data-testid="send" onClick={() => props.onSend(stage.prepared)}>
            {stage.prepared.resumed ? t("desk.continue") : t("desk.send")}
          </button>
        </div>
      );
    case "sending":
      return <Progress prepared={stage.prepared} progress={stage.progress} />;
    case "refused":
      return (
        <ProblemList
          problems={stage.problems}
          rows={stage.prepared.rows.length}
          intro={
            stage.status === 401
              ? t("status.signedOut")
              : stage.status === 403
                ? t("status.forbidden")
                : stage.status === 409
                  ? t("desk.refused409")
                  : (props.refusedIntro ?? t("desk.refused"))
          }
        />
      );
    case "done":
      return (
        <div data-testid="done" role="status">
          <p>
            <span data-testid="done-rows" data-value={stage.prepared.rows.length}>
              {t("desk.done", { n: formatCount(stage.prepared.rows.length, language) })}
            </span>{" "}
            <Rupees paise={stage.prepared.valuePaise} />
          </p>
          <h3>{t("desk.receipts")}</h3>
          <ul data-testid="receipts">
            {stage.receipts.map((receipt) => (
              <li>
                <Link href={`/desk/receipts/${receipt.submissionId}`}>
                  {t("desk.receiptLink", {
                    first: formatCount(receipt.firstRow, language),
                    last: formatCount(receipt.lastRow, language),
                  })}
                </Link>
              </li>
            ))}
          </ul>
          <p>
            <Link href="/desk/receipts">{t("desk.allReceipts")}</Link>
          </p>
        </div>
      );
  }
}

function Progress(props: { prepared: Prepared; progress: SendProgress }) {
  const { t, language } = useT();
  const { progress } = props;
  const total = props.prepared.rows.length;
  return (
    <div data-testid="sending">
      <label for="send-progress">
        {t("desk.sending", {
          part: formatCount(progress.part, language),
          parts: formatCount(progress.parts, language),
        })}
      </label>
      <progress
        id="send-progress"
        max={total}
        value={progress.rowsRecorded}
        data-testid="progress"
        data-recorded={progress.rowsRecorded}
      />
      <p role="status" aria-live="polite">
        {t("desk.recordedOf", {
          done: formatCount(progress.rowsRecorded, language),
          total: formatCount(total, language),
        })}
        {progress.retryIn !== undefined && (
          <span data-testid="retrying">
            {" "}
            {t("desk.retrying", { seconds: formatCount(progress.retryIn, language) })}
          </span>
        )}
      </p>
      <p class="hint">{t("desk.keepOpen")}</p>
    </div>
  );
}

function columnName(column: string | undefined, t: ReturnType<typeof useT>["t"]): string {
  if (column === undefined) return "";
  if (/^[A-Z]{1,3}$/.test(column)) return t("column.letter", { letter: column });
  if (column.includes("|")) return t(column.startsWith("value") ? "column.value" : "column.identity");
  return t(`column.${column}`);
}

function ProblemList(props: { problems: ListedProblem[]; rows: number; intro: string }) {
  const { t, language } = useT();
  const { problems } = props;
  const listed = problems.slice(0, MAX_LISTED);
  const badRows = new Set(problems.map((p) => p.row)).size;
  return (
    <div data-testid="problems" data-count={problems.length}>
      <p role="alert">{props.intro}</p>
      <p>
        {t("desk.problemCount", {
          n: formatCount(problems.length, language),
          rows: formatCount(badRows, language),
        })}
      </p>
      <TableFrame
        testId="problem-table"
        class="data-table"
        name={t("desk.problemsCaption")}
        captionStyle="hidden"
        layout="wrap"
        headers={[t("desk.row"), t("desk.column"), t("desk.whatToFix")]}
      >
        {listed.map((p) => (
          <tr data-problem={p.problem} data-row={p.row} data-column={p.column}>
            <td>{p.row === undefined ? "" : p.row === 1 ? t("desk.headerRow") : formatCount(p.row, language)}</td>
            <td>{columnName(p.column, t)}</td>
            <td>{t(`problem.${p.problem}`)}</td>
          </tr>
        ))}
      </TableFrame>
      {problems.length > listed.length && (
        <p>{t("desk.moreProblems", { n: formatCount(problems.length - listed.length, language) })}</p>
      )}
    </div>
  );
}

/** What each column may hold, beside the upload: the forms the checks accept. */
export function AcceptedForms(props: { intro?: string }) {
  const { t } = useT();
  const columns: [string, string][] = [
    ["service", t("desk.forms.service")],
    ["quantity", t("desk.forms.quantity")],
    ["valueRupees", t("desk.forms.valueRupees")],
    ["valuePaise", t("desk.forms.valuePaise")],
    ["distributedOn", t("desk.forms.distributedOn")],
    ["funding", t("desk.forms.funding")],
    ["district", t("desk.forms.district")],
    ["distributionId", t("desk.forms.distributionId")],
    ...IDENTIFIER_TYPES.map((type): [string, string] => [type, t(`desk.forms.${type}`)]),
  ];
  return (
    <aside class="accepted-forms" aria-labelledby="forms-title" data-testid="accepted-forms">
      <h2 id="forms-title">{t("desk.forms.title")}</h2>
      <p>{props.intro ?? t("desk.forms.intro")}</p>
      <dl>
        {columns.map(([column, text]) => (
          <>
            <dt>
              <code>{column}</code> <span>({t(`column.${column}`)})</span>
            </dt>
            <dd>{text}</dd>
          </>
        ))}
      </dl>
      <h3>{t("desk.forms.services")}</h3>
      <ul>
        {SERVICES.map((service) => (
          <li>
            <code>{service}</code> — {t(`service.${service}`)}
          </li>
        ))}
      </ul>
      <h3>{t("desk.forms.examplesTitle")}</h3>
      <ul>
        <li>
          {t("desk.forms.rupeeExamples")} <code>1500</code>, <code>1500.50</code>, <code>1,50,000</code>,{" "}
          <code>Rs 1,500</code>, <code>₹1,500</code>
        </li>
        <li>
          {t("desk.forms.dateExamples")} <code>31/01/2025</code>, <code>1/2/2025</code>, <code>2025-01-31</code>
        </li>
      </ul>
    </aside>
  );
}

import { CSV_ID_COLUMN, IDENTIFIER_TYPES, SERVICES, checkSheetRows, todayInIndia } from "@relief-ledger/domain/browser";
import { useState } from "preact/hooks";
import { fromRowProblems, type ListedProblem } from "../desk/problems.js";
import { newDistributionId } from "../desk/send.js";
import { formatCount } from "../format.js";
import { useT } from "../i18n.js";
import { AcceptedForms, DeskFrame, ForCboKey, StageView, checkRows, useSender } from "./desk.js";
import { DataTable } from "../components/table.js";
import { Alert } from "../components/status.js";

// A few distributions typed one at a time: each row is a one-row sheet, checked by the same
// domain rules as a file's rows, and the list is sent by the same sender, in a part with fixed
// ids. Nothing typed is stored on the device: a reload loses the list (the page says so).

/** The most rows the form holds: more is a spreadsheet's job. */
export const MAX_ENTRIES = 50;

/** The fields of one row, by the sheet's column names: the form is a sheet with one row at a time. */
const TEXT_FIELDS = ["quantity", "valueRupees", "distributedOn", "funding", "district"] as const;
type Cells = Record<string, string>;

const blankRow = (kept: Cells = {}): Cells => ({
  service: kept.service ?? SERVICES[0],
  quantity: kept.quantity ?? "1",
  valueRupees: kept.valueRupees ?? "",
  distributedOn: kept.distributedOn ?? "",
  funding: kept.funding ?? "auto",
  district: kept.district ?? "",
  ...Object.fromEntries(IDENTIFIER_TYPES.map((type) => [type, ""])),
});

/** The hand-entry page, for a CBO's key. */
export const DeskEntryPage = () => <ForCboKey page={Entry} />;

function Entry(props: { cboId: string }) {
  const { t, language } = useT();
  const [draft, setDraft] = useState<Cells>(() => blankRow());
  const [entries, setEntries] = useState<Cells[]>([]);
  const [problems, setProblems] = useState<ListedProblem[]>([]);
  const [added, setAdded] = useState<number | undefined>();
  // Typed rows have nothing to match after a reload: their ids and progress are not kept either.
  const { stage, setStage, send } = useSender({ keep: () => undefined, onDone: () => setEntries([]) });
  const busy = stage.kind === "sending";
  const full = entries.length >= MAX_ENTRIES;

  const rowsOf = (list: Cells[]) => list.map((cells, i) => ({ row: i + 1, cells }));
  const set = (column: string) => (event: Event) =>
    setDraft({ ...draft, [column]: (event.target as HTMLInputElement | HTMLSelectElement).value });

  const add = (event: Event) => {
    event.preventDefault();
    const row: Cells = { ...draft, [CSV_ID_COLUMN]: newDistributionId() };
    // Only the filled identity columns, as a sheet holds them.
    for (const type of IDENTIFIER_TYPES) if (row[type]!.trim() === "") delete row[type];
    const found = checkSheetRows([{ row: entries.length + 1, cells: row }], {
      today: todayInIndia(),
      cboId: props.cboId,
    }).problems;
    setProblems(fromRowProblems(found));
    if (found.length > 0) return setAdded(undefined);
    setEntries([...entries, row]);
    setAdded(entries.length + 1);
    setStage({ kind: "choose" });
    setDraft(blankRow(draft));
  };

  const remove = (index: number) => {
    setEntries(entries.filter((_, i) => i !== index));
    setAdded(undefined);
    setStage({ kind: "choose" });
  };

  const sendAll = () => {
    const rows = rowsOf(entries);
    const source = { name: t("desk.enter.source"), size: 0, rows: rows.length };
    const checked = checkRows(rows, props.cboId, source, {});
    if (checked.kind !== "ready") return setStage(checked);
    void send(checked.prepared);
  };

  const problemOf = (column: string) => problems.filter((p) => p.column === column);
  const field = (column: string, input: preact.JSX.Element, hint?: string) => {
    const own = problemOf(column);
    return (
      <div class="entry-field">
        <label for={`entry-${column}`}>{t(`column.${column}`)}</label>
        {hint && (
          <span class="hint" id={`entry-${column}-hint`}>
            {hint}
          </span>
        )}
        {input}
        {own.map((p) => (
          <span
            class="status status-error"
            id={`entry-${column}-problem`}
            data-testid="entry-problem"
            data-column={column}
            data-problem={p.problem}
          >
            {t(`problem.${p.problem}`)}
          </span>
        ))}
      </div>
    );
  };
  const describedBy = (column: string, hint: boolean) =>
    [hint ? `entry-${column}-hint` : "", problemOf(column).length > 0 ? `entry-${column}-problem` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  const textInput = (column: string, hint: boolean, extra: Record<string, string> = {}) => (
    <input
      id={`entry-${column}`}
      name={column}
      type="text"
      autoComplete="off"
      value={draft[column]}
      aria-invalid={problemOf(column).length > 0 ? "true" : undefined}
      aria-describedby={describedBy(column, hint)}
      onInput={set(column)}
      data-testid={`entry-${column}`}
      disabled={busy || full}
      {...extra}
    />
  );
  const identityProblems = problems.filter((p) => p.column?.includes("|"));

  return (
    <DeskFrame title={t("desk.enter.title")} intro={t("desk.enter.intro")} other={["/desk", t("desk.enter.upload")]}>
      <div class="desk-layout">
        <section aria-labelledby="entry-title">
          <h2 id="entry-title">{t("desk.enter.formTitle")}</h2>
          <p class="hint">{t("desk.enter.privacy")}</p>
          <form class="entry-form" data-testid="entry-form" onSubmit={add} noValidate>
            <div class="entry-field">
              <label for="entry-service">{t("column.service")}</label>
              <select
                id="entry-service"
                value={draft.service}
                onChange={set("service")}
                data-testid="entry-service"
                disabled={busy || full}
              >
                {SERVICES.map((service) => (
                  <option value={service}>{t(`service.${service}`)}</option>
                ))}
              </select>
            </div>
            {TEXT_FIELDS.map((column) =>
              field(
                column,
                textInput(
                  column,
                  true,
                  column === "quantity" || column === "valueRupees" ? { inputMode: "decimal" } : {},
                ),
                t(`desk.forms.${column}`),
              ),
            )}
            <fieldset>
              <legend>{t("desk.enter.identities")}</legend>
              {IDENTIFIER_TYPES.map((type) => field(type, textInput(type, true), t(`desk.forms.${type}`)))}
              {identityProblems.map((p) => (
                <p
                  class="status status-error"
                  data-testid="entry-problem"
                  data-column={p.column}
                  data-problem={p.problem}
                >
                  {t(`problem.${p.problem}`)}
                </p>
              ))}
            </fieldset>
            {problems.length > 0 && (
              <Alert testId="entry-not-added">
                {t("desk.enter.notAdded", { n: formatCount(problems.length, language) })}
              </Alert>
            )}
            {added !== undefined && (
              <p role="status" data-testid="entry-added">
                {t("desk.enter.added", { n: formatCount(added, language) })}
              </p>
            )}
            {full && <p role="status">{t("desk.enter.full", { n: formatCount(MAX_ENTRIES, language) })}</p>}
            <button type="submit" data-testid="entry-add" disabled={busy || full}>
              {t("desk.enter.add")}
            </button>
          </form>
          <EntryList entries={entries} onRemove={remove} busy={busy} />
          {entries.length > 0 && stage.kind !== "sending" && (
            <button type="button" data-testid="entry-send" onClick={sendAll}>
              {t("desk.enter.send", { n: formatCount(entries.length, language) })}
            </button>
          )}
          <StageView
            stage={stage}
            onSend={(prepared) => void send(prepared)}
            onStartOver={() => undefined}
            fixIntro={t("desk.enter.fixFirst")}
            refusedIntro={t("desk.enter.refused")}
          />
        </section>
        <AcceptedForms intro={t("desk.enter.formsIntro")} />
      </div>
    </DeskFrame>
  );
}

/** The rows typed so far, without their identity numbers: which documents each names is enough to tell them apart. */
function EntryList(props: { entries: Cells[]; onRemove: (index: number) => void; busy: boolean }) {
  const { t, language } = useT();
  if (props.entries.length === 0) return <p data-testid="entry-none">{t("desk.enter.none")}</p>;
  return (
    <DataTable
      testId="entry-list"
      caption={t("desk.enter.listTitle")}
      layout="wrap"
      rowHeader={false}
      rows={props.entries.map((cells, index) => ({ cells, index }))}
      rowAttributes={() => ({ "data-testid": "entry-row" })}
      columns={[
        { header: t("desk.row"), cell: ({ index }) => formatCount(index + 1, language) },
        { header: t("column.service"), cell: ({ cells }) => t(`service.${cells.service}`) },
        { header: t("column.distributedOn"), cell: ({ cells }) => cells.distributedOn },
        { header: t("column.valueRupees"), cell: ({ cells }) => cells.valueRupees },
        {
          header: t("column.identity"),
          cell: ({ cells }) =>
            IDENTIFIER_TYPES.filter((type) => cells[type])
              .map((type) => t(`column.${type}`))
              .join(", "),
        },
        {
          header: t("mine.actions"),
          hiddenHeader: true,
          cell: ({ index }) => (
            <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onRemove(index)}>
              {t("desk.enter.remove")}
            </button>
          ),
        },
      ]}
    />
  );
}

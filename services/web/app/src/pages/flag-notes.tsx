import { FLAG_NOTE_MAX } from "@relief-ledger/domain/browser";
import { useEffect, useState } from "preact/hooks";
import { v7 as uuidv7 } from "uuid";
import { Alert, Failure, Loading } from "../components/status.js";
import { useT } from "../i18n.js";
import { postToIngest, refusalKey } from "../refusal.js";
import { useQuery } from "../use-query.js";

// CBOs' notes to the auditors on a flag (decision 0035): the auditor's flag page lists every CBO's,
// the desk lists the signed-in CBO's own (the query API answers each key with what it may read)
// and takes a new one.

export interface FlagNote {
  cboId: string;
  note: string;
  notedAt: string;
}
interface FlagNotesAnswer {
  notes: FlagNote[];
}

const notesPath = (flagId: string) => `/v1/flags/${encodeURIComponent(flagId)}/notes?limit=1000`;

function NoteList(props: { notes: FlagNote[] }) {
  const { t } = useT();
  if (props.notes.length === 0) return <p data-testid="flag-notes-none">{t("notes.none")}</p>;
  return (
    <ol class="flag-notes" data-testid="flag-notes">
      {props.notes.map((n) => (
        <li data-cbo={n.cboId}>
          <p>{n.note}</p>
          <p class="note">{t("notes.by", { cbo: n.cboId, on: n.notedAt.slice(0, 10) })}</p>
        </li>
      ))}
    </ol>
  );
}

/** The notes on a flag this key may read, oldest first. */
export function FlagNotes(props: { flagId: string; title: string }) {
  const loaded = useQuery<FlagNotesAnswer>(notesPath(props.flagId));
  return (
    <section aria-labelledby="flag-notes-title">
      <h2 id="flag-notes-title">{props.title}</h2>
      {loaded.state === "loading" && <Loading />}
      {loaded.state === "failed" && <Failure error={loaded.error} />}
      {loaded.state === "ready" && <NoteList notes={loaded.data.notes} />}
    </section>
  );
}

/**
 * A CBO's step to add a note on a flag: its own notes so far, then the note. The note is checked
 * by the ledger (no identity numbers, at most FLAG_NOTE_MAX characters); its refusal is shown in
 * the page's language. After the ledger records it, the list asks again until the query side
 * shows it (the projector applies it a moment later).
 *
 * The note's id is chosen when it is first sent and kept until the ledger records it or its text
 * changes: sending it again (a second click, a retry after a lost answer on mobile data) sends the
 * same note under the same id, which the ledger records once (decision 0054).
 */
export function AddFlagNoteStep(props: { flagId: string; what: string; onClose: () => void }) {
  const { t } = useT();
  const [version, setVersion] = useState(0);
  const [expected, setExpected] = useState<number | undefined>();
  const [note, setNote] = useState("");
  const [noteId, setNoteId] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const loaded = useQuery<FlagNotesAnswer>(notesPath(props.flagId), version);
  const shown = loaded.state === "ready" ? loaded.data.notes.length : undefined;
  const waiting = expected !== undefined && shown !== undefined && shown < expected && version < 200;
  useEffect(() => {
    if (!waiting) return;
    const again = setTimeout(() => setVersion((v) => v + 1), 300);
    return () => clearTimeout(again);
  }, [waiting, version]);

  const add = async (event: Event) => {
    event.preventDefault();
    if (note.trim() === "") return setProblem(t("notes.empty"));
    const id = noteId ?? uuidv7();
    setNoteId(id);
    setBusy(true);
    setProblem(undefined);
    const posted = await postToIngest(`/v1/flags/${encodeURIComponent(props.flagId)}/notes`, { noteId: id, note });
    setBusy(false);
    if (posted.status === 201) {
      setNote("");
      setNoteId(undefined);
      setExpected((shown ?? 0) + 1);
      setVersion((v) => v + 1);
      return;
    }
    setProblem(t(refusalKey(posted, "notes.failed")));
  };

  return (
    <section class="notice" aria-labelledby="note-title" data-testid="note-step">
      <h3 id="note-title">{t("notes.formTitle")}</h3>
      <p>{props.what}</p>
      <h4>{t("notes.yours")}</h4>
      {loaded.state === "failed" ? <Failure error={loaded.error} /> : shown === undefined ? <Loading /> : null}
      {loaded.state === "ready" && <NoteList notes={loaded.data.notes} />}
      {expected !== undefined && !waiting && (
        <p role="status" data-testid="note-added">
          {t("notes.added")}
        </p>
      )}
      <form onSubmit={(event) => void add(event)} noValidate>
        <p>{t("notes.explain")}</p>
        <label for="note-text">{t("notes.label", { max: FLAG_NOTE_MAX })}</label>
        <textarea
          id="note-text"
          data-testid="note-text"
          maxLength={FLAG_NOTE_MAX}
          value={note}
          onInput={(event) => {
            setNote((event.target as HTMLTextAreaElement).value);
            setNoteId(undefined);
          }}
        />
        {problem && <Alert testId="note-problem">{problem}</Alert>}
        <p>
          <button type="submit" data-testid="note-submit" disabled={busy}>
            {t("notes.submit")}
          </button>{" "}
          <button type="button" class="secondary" onClick={props.onClose}>
            {t("notes.close")}
          </button>
        </p>
      </form>
    </section>
  );
}

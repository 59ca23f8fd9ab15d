import { useEffect, useState } from "preact/hooks";
import { ApiError, query, queryPost } from "../api.js";
import "../audit/audit.css";
import { auditorOnly } from "../audit/auditor-only.js";
import {
  compareReports,
  readReport,
  REPLAY_FILES,
  replayFilePath,
  replayReport,
  type Difference,
  type LoadedReport,
  type ReplayStatus,
} from "../audit/replays.js";
import { Alert, Empty, Failure, Loading } from "../components/status.js";
import { formatCount, LOCALE, type Language } from "../format.js";
import { useT } from "../i18n.js";
import { DataTable } from "../components/table.js";

type PointKind = "day" | "instant" | "position";
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const POSITION = /^\d{1,40}$/;
/** How many differences the table shows; the count says how many there are in all. */
const SHOWN_DIFFERENCES = 500;
const POLL_MS = 1_000;

/** The replays the service keeps, asked again every second while one runs; the last answer stays shown. */
function useReplays(): { replays: ReplayStatus[] | ApiError | undefined; refresh: () => void } {
  const [replays, setReplays] = useState<ReplayStatus[] | ApiError | undefined>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    query<{ replays: ReplayStatus[] }>("/v1/audit/replays").then(
      ({ replays: kept }) => {
        if (!current) return;
        setReplays(kept);
        if (kept.some((r) => r.state === "running")) timer = setTimeout(() => setVersion((n) => n + 1), POLL_MS);
      },
      (error: unknown) => current && setReplays(error instanceof ApiError ? error : new ApiError(0, "error", "")),
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [version]);
  return { replays, refresh: () => setVersion((n) => n + 1) };
}

/**
 * The auditor replays the log to a day, an instant or a position, as `ledger replay` does, on the
 * query service; follows its progress; downloads its report and CSVs; and compares two reports
 * (kept here or from files) with `ledger reconcile`'s own comparison, run in this page.
 */
function ReplayConsole() {
  const { t } = useT();
  const { replays, refresh } = useReplays();
  const running = Array.isArray(replays) ? replays.find((r) => r.state === "running") : undefined;
  return (
    <section aria-labelledby="replay-title">
      <h1 id="replay-title">{t("auditor.replay.title")}</h1>
      <p class="lede">{t("auditor.replay.intro")}</p>
      <StartReplay running={running !== undefined} onStarted={refresh} />
      {running && <Progress replay={running} />}
      {replays === undefined ? (
        <Loading />
      ) : replays instanceof ApiError ? (
        <Failure error={replays} />
      ) : (
        <>
          <KeptReplays replays={replays} />
          <CompareReports replays={replays.filter((r) => r.state === "done")} />
        </>
      )}
    </section>
  );
}

function StartReplay(props: { running: boolean; onStarted: () => void }) {
  const { t } = useT();
  const [kind, setKind] = useState<PointKind>("day");
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const valid = { day: DAY, instant: INSTANT, position: POSITION }[kind].test(value.trim());
  const submit = (event: Event) => {
    event.preventDefault();
    if (!valid) return setProblem(t(`auditor.replay.invalid.${kind}`));
    setProblem(undefined);
    setSending(true);
    const body = kind === "position" ? { position: value.trim() } : { asOf: value.trim() };
    queryPost<ReplayStatus>("/v1/audit/replays", body)
      .then(
        () => props.onStarted(),
        (error: unknown) => {
          const status = error instanceof ApiError ? error.status : 0;
          setProblem(
            t(
              status === 409
                ? "auditor.replay.busy"
                : status === 400
                  ? `auditor.replay.invalid.${kind}`
                  : status === 401 || status === 403
                    ? "status.forbidden"
                    : "status.failed",
            ),
          );
          if (status === 409) props.onStarted();
        },
      )
      .finally(() => setSending(false));
  };
  const choose = (next: PointKind) => () => {
    setKind(next);
    setValue("");
    setProblem(undefined);
  };
  const pointInput = {
    id: "replay-point",
    "data-testid": "replay-point",
    autocomplete: "off",
    spellcheck: false,
    value,
    "aria-invalid": problem !== undefined,
    "aria-describedby": problem ? "replay-problem" : "replay-hint",
    onInput: (event: Event) => setValue((event.target as HTMLInputElement).value),
  };
  return (
    <form class="replay-form" onSubmit={submit} noValidate data-testid="replay-form">
      <fieldset>
        <legend>{t("auditor.replay.upTo")}</legend>
        {(["day", "instant", "position"] as const).map((option) => (
          <label key={option}>
            <input
              type="radio"
              name="point-kind"
              value={option}
              checked={kind === option}
              onChange={choose(option)}
              data-testid={`replay-kind-${option}`}
            />
            {t(`auditor.replay.kind.${option}`)}
          </label>
        ))}
      </fieldset>
      <label for="replay-point">{t(`auditor.replay.label.${kind}`)}</label>
      {kind === "day" ? (
        <input type="date" {...pointInput} />
      ) : (
        <input
          type="text"
          inputMode={kind === "position" ? "numeric" : undefined}
          placeholder={kind === "instant" ? "2025-03-31T18:00:00+05:30" : undefined}
          {...pointInput}
        />
      )}
      <p id="replay-hint" class="hint">
        {t(`auditor.replay.hint.${kind}`)}
      </p>
      {problem && (
        <Alert id="replay-problem" testId="replay-problem">
          {problem}
        </Alert>
      )}
      <div>
        <button type="submit" data-testid="replay-start" disabled={sending || props.running}>
          {t("auditor.replay.start")}
        </button>
      </div>
    </form>
  );
}

const pointLabel = (replay: ReplayStatus, t: ReturnType<typeof useT>["t"]): string =>
  replay.point.by === "position"
    ? t("auditor.replay.toPosition", { position: replay.point.position })
    : t("auditor.replay.asOf", { asOf: replay.point.asOf });

function Progress(props: { replay: ReplayStatus }) {
  const { t, language } = useT();
  const { phase, eventsDone, eventsTotal } = props.replay;
  const counted =
    eventsTotal === null
      ? t("auditor.replay.eventsSoFar", { done: formatCount(eventsDone, language) })
      : t("auditor.replay.eventsOf", {
          done: formatCount(eventsDone, language),
          total: formatCount(eventsTotal, language),
        });
  return (
    <div class="verdict" data-testid="replay-progress" data-phase={phase ?? "starting"}>
      <h2>{t(`auditor.replay.phase.${phase ?? "starting"}`)}</h2>
      <p>{pointLabel(props.replay, t)}</p>
      <progress
        aria-label={t(`auditor.replay.phase.${phase ?? "starting"}`)}
        max={eventsTotal ?? undefined}
        value={eventsTotal === null ? undefined : eventsDone}
      />
      <p role="status" aria-live="polite">
        {counted}
      </p>
    </div>
  );
}

/** Whether the replay's root equals the signed head's: the alarm stands out. */
function HeadVerdict(props: { replay: ReplayStatus }) {
  const { t } = useT();
  const { summary } = props.replay;
  if (summary === null) return null;
  if (summary.signedHeadMatches === null) return <>{t("auditor.replay.noHead")}</>;
  if (summary.signedHeadMatches) return <>{t("auditor.replay.headMatches")}</>;
  return (
    <strong class="alarm-text" data-testid="head-mismatch">
      {t("auditor.replay.headDiffers")}
    </strong>
  );
}

/** A finished replay's report and tables, each a download named for the point it replayed to. */
function ReplayFiles(props: { replay: ReplayStatus }) {
  const { t } = useT();
  const { replay } = props;
  if (replay.state !== "done") return null;
  return (
    <ul class="file-links">
      {REPLAY_FILES.map((file) => (
        <li key={file}>
          <a
            href={replayFilePath(replay.replayId, file)}
            download
            data-testid={`download-${file}`}
            aria-label={t("auditor.replay.download", { file, point: pointLabel(replay, t) })}
          >
            {file}
          </a>
        </li>
      ))}
    </ul>
  );
}

const formatInstant = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(LOCALE[language], { dateStyle: "medium", timeStyle: "medium" }).format(new Date(iso));

function KeptReplays(props: { replays: ReplayStatus[] }) {
  const { t, language } = useT();
  if (props.replays.length === 0) return <Empty message={t("auditor.replay.none")} />;
  return (
    <section aria-labelledby="replays-title">
      <h2 id="replays-title">{t("auditor.replay.kept")}</h2>
      <DataTable
        testId="table-replays"
        caption={t("auditor.replay.kept")}
        labelledBy="replays-title"
        captionStyle="none"
        rows={props.replays}
        rowAttributes={(replay) => ({
          key: replay.replayId,
          "data-testid": `replay-${replay.replayId}`,
          "data-state": replay.state,
        })}
        columns={[
          { header: t("auditor.replay.point"), cell: (replay) => pointLabel(replay, t) },
          { header: t("auditor.replay.startedAt"), cell: (replay) => formatInstant(replay.startedAt, language) },
          { header: t("auditor.replay.state"), cell: (replay) => t(`auditor.replay.states.${replay.state}`) },
          {
            header: t("auditor.replay.events"),
            numeric: true,
            cell: (replay) => (replay.summary ? formatCount(replay.summary.events, language) : ""),
          },
          { header: t("auditor.replay.signedHead"), cell: (replay) => <HeadVerdict replay={replay} /> },
          { header: t("auditor.replay.files"), cell: (replay) => <ReplayFiles replay={replay} /> },
        ]}
      />
    </section>
  );
}

type Side = { from: "replay"; replayId: string } | { from: "file"; file: File | undefined };
type Comparison =
  | { state: "comparing" }
  | { state: "failed"; side: "a" | "b"; problem: "notJson" | "notReport" | "missing" | "unreadable" }
  | { state: "done"; differences: Difference[]; positions: [string, string] };

async function loadSide(side: Side): Promise<LoadedReport | "missing"> {
  if (side.from === "replay") return side.replayId ? replayReport(side.replayId) : "missing";
  if (side.file === undefined) return "missing";
  return readReport(await side.file.text());
}

function CompareReports(props: { replays: ReplayStatus[] }) {
  const { t, language } = useT();
  const first = props.replays[0]?.replayId ?? "";
  const [sides, setSides] = useState<Record<"a" | "b", Side>>({
    a: { from: "replay", replayId: first },
    b: { from: "file", file: undefined },
  });
  const [comparison, setComparison] = useState<Comparison | undefined>();
  const compare = async (event: Event) => {
    event.preventDefault();
    setComparison({ state: "comparing" });
    const loaded: Record<string, LoadedReport> = {};
    for (const name of ["a", "b"] as const) {
      let side: LoadedReport | "missing";
      try {
        side = await loadSide(sides[name]);
      } catch {
        return setComparison({ state: "failed", side: name, problem: "unreadable" });
      }
      if (side === "missing") return setComparison({ state: "failed", side: name, problem: "missing" });
      if (!side.ok) return setComparison({ state: "failed", side: name, problem: side.problem });
      loaded[name] = side;
    }
    const [a, b] = [loaded.a, loaded.b] as Extract<LoadedReport, { ok: true }>[];
    setComparison({
      state: "done",
      differences: compareReports(a!.report, b!.report),
      positions: [a!.report.replayed.lastPosition ?? "0", b!.report.replayed.lastPosition ?? "0"],
    });
  };
  const sidePicker = (name: "a" | "b") => {
    const side = sides[name];
    const label = t(`auditor.compare.side.${name}`);
    return (
      <fieldset key={name}>
        <legend>{label}</legend>
        <label>
          {t("auditor.compare.from")}
          <select
            data-testid={`compare-${name}`}
            value={side.from === "replay" ? side.replayId : "file"}
            onChange={(event) => {
              const value = (event.target as HTMLSelectElement).value;
              setSides({
                ...sides,
                [name]: value === "file" ? { from: "file", file: undefined } : { from: "replay", replayId: value },
              });
            }}
          >
            {props.replays.map((replay) => (
              <option value={replay.replayId} key={replay.replayId}>
                {`${pointLabel(replay, t)} — ${formatInstant(replay.startedAt, language)}`}
              </option>
            ))}
            <option value="file">{t("auditor.compare.fromFile")}</option>
          </select>
        </label>
        {side.from === "file" && (
          <label>
            {t("auditor.compare.file")}
            <input
              type="file"
              accept=".json,application/json"
              data-testid={`compare-file-${name}`}
              onChange={(event) =>
                setSides({ ...sides, [name]: { from: "file", file: (event.target as HTMLInputElement).files?.[0] } })
              }
            />
          </label>
        )}
      </fieldset>
    );
  };
  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">{t("auditor.compare.title")}</h2>
      <p>{t("auditor.compare.intro")}</p>
      <form class="compare-form" onSubmit={(event) => void compare(event)} data-testid="compare-form">
        {sidePicker("a")}
        {sidePicker("b")}
        <div>
          <button type="submit" data-testid="compare-run">
            {t("auditor.compare.run")}
          </button>
        </div>
      </form>
      {comparison?.state === "comparing" && <Loading />}
      {comparison?.state === "failed" && (
        <Alert testId="compare-problem" problem={comparison.problem}>
          {t(`auditor.compare.problem.${comparison.problem}`, { side: t(`auditor.compare.side.${comparison.side}`) })}
        </Alert>
      )}
      {comparison?.state === "done" && <Differences {...comparison} />}
    </section>
  );
}

function Differences(props: { differences: Difference[]; positions: [string, string] }) {
  const { t, language } = useT();
  const { differences, positions } = props;
  const value = (side: Difference["left"]): string =>
    side === "present" || side === "absent"
      ? t(`auditor.compare.${side}`)
      : side === null
        ? "—"
        : typeof side === "number"
          ? String(side)
          : side;
  const shown = differences.slice(0, SHOWN_DIFFERENCES);
  return (
    <div data-testid="compare-result" data-count={differences.length} role="status">
      <p>
        {positions[0] === positions[1]
          ? t("auditor.compare.samePosition", { position: positions[0] })
          : t("auditor.compare.positions", { a: positions[0], b: positions[1] })}
      </p>
      <p>
        <strong>
          {differences.length === 0
            ? t("auditor.compare.equal")
            : t("auditor.compare.count", { count: differences.length, n: formatCount(differences.length, language) })}
        </strong>
      </p>
      {differences.length > SHOWN_DIFFERENCES && (
        <p>{t("auditor.compare.firstOnly", { n: formatCount(SHOWN_DIFFERENCES, language) })}</p>
      )}
      {shown.length > 0 && (
        <DataTable
          testId="table-differences"
          caption={t("auditor.compare.tableCaption")}
          rows={shown}
          rowAttributes={(_, i) => ({ key: i })}
          columns={[
            { header: t("auditor.compare.table"), cell: (difference) => difference.table },
            {
              header: t("auditor.compare.key"),
              class: "hash",
              cell: (difference) =>
                Object.entries(difference.key)
                  .map(([column, cell]) => `${column}=${cell ?? ""}`)
                  .join(" "),
            },
            {
              header: t("auditor.compare.field"),
              cell: (difference) => (difference.field === "(row)" ? t("auditor.compare.wholeRow") : difference.field),
            },
            { header: t("auditor.compare.side.a"), class: "hash", cell: (difference) => value(difference.left) },
            { header: t("auditor.compare.side.b"), class: "hash", cell: (difference) => value(difference.right) },
          ]}
        />
      )}
    </div>
  );
}

export const AuditorReplayPage = auditorOnly(ReplayConsole);

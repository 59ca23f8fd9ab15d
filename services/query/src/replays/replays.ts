import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { REPORT_FILE, TABLES, type ReplayPoint } from "@relief-ledger/replay";
import { REPLAY_HEAP_MIB, type FromReplay, type ReplayPhase, type ReplaySummary, type ReplayJob } from "./protocol.js";

/** The files a finished replay offers, as `ledger replay` names them. */
export const REPLAY_FILES = [REPORT_FILE, ...Object.values(TABLES).map((table) => `${table.name}.csv`)] as const;
export type ReplayFile = (typeof REPLAY_FILES)[number];

/** How many replays are kept on disk by default: the oldest goes when a new one starts. */
export const REPLAYS_KEPT = 5;

/** Why a replay whose process reached its heap cap failed: the setting to raise, nothing of the ledger. */
export const outOfMemoryReason = (heapMiB: number) =>
  `the replay needed more memory than LEDGER_REPLAY_HEAP_MIB allows (${heapMiB} MiB)`;

/**
 * One replay: `running` while its process works, `done` once report.json is written, `failed` when
 * the process said why (or ran out of memory), `interrupted` when the service stopped before it ended (start it again).
 */
export interface ReplayStatus {
  replayId: string;
  point: ReplayPoint;
  state: "running" | "done" | "failed" | "interrupted";
  phase: ReplayPhase | null;
  eventsDone: number;
  /** null while unknown (before the first progress, or on EventStoreDB while hashing). */
  eventsTotal: number | null;
  startedAt: string;
  finishedAt: string | null;
  summary: ReplaySummary | null;
  reason: string | null;
}

export interface Replays {
  /** Starts a replay, or answers with the one already running (`started: false`). */
  start(point: ReplayPoint): { started: boolean; status: ReplayStatus };
  get(replayId: string): ReplayStatus | undefined;
  /** Newest first. */
  list(): ReplayStatus[];
  /** The file of a finished replay, or undefined. */
  file(replayId: string, name: ReplayFile): string | undefined;
  close(): Promise<void>;
}

const STATUS_FILE = "status.json";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The replay process's entry: its build beside this file, or from source through tsx (tests). */
function replayEntry(): { module: string; args: string[]; execArgv: string[] } {
  const self = import.meta.url;
  if (!self.endsWith(".ts"))
    return { module: fileURLToPath(new URL("./replay-worker.js", self)), args: [], execArgv: [] };
  return {
    module: fileURLToPath(new URL("./source-worker.mjs", self)),
    args: [new URL("./replay-worker.ts", self).href],
    execArgv: ["--conditions=@relief-ledger/source"],
  };
}

/** What V8 prints when a heap reaches its cap (the only stderr a replay process is read for). */
const HEAP_EXHAUSTED = /heap out of memory|Allocation failed/i;

/**
 * The replays an auditor started from the query service, one at a time, each in a child process
 * of its own, each in a directory of its own under `dir`: status.json (written on every change of
 * state, atomically), then report.json and the CSVs, exactly as `ledger replay --out` writes them.
 */
export function openReplays(options: { dir: string; store: string; kept?: number; heapMiB?: number }): Replays {
  const keep = options.kept ?? REPLAYS_KEPT;
  const heapMiB = options.heapMiB ?? REPLAY_HEAP_MIB;
  // Its own process and heap: past the cap V8 aborts that process and the replay fails. A worker
  // thread's resourceLimits are best-effort (Node may abort the whole process, the service with it).
  const heapFlag = `--max-old-space-size=${heapMiB}`;
  mkdirSync(options.dir, { recursive: true });
  const dirOf = (replayId: string) => join(options.dir, replayId);
  let closing = false;
  let running: { status: ReplayStatus; child: ChildProcess; ended: Promise<void> } | undefined;

  const save = (status: ReplayStatus) => {
    const file = join(dirOf(status.replayId), STATUS_FILE);
    writeFileSync(`${file}.tmp`, JSON.stringify(status));
    renameSync(`${file}.tmp`, file);
  };
  const load = (replayId: string): ReplayStatus | undefined => {
    if (running?.status.replayId === replayId) return { ...running.status };
    const file = join(dirOf(replayId), STATUS_FILE);
    if (!UUID.test(replayId) || !existsSync(file)) return undefined;
    const status = JSON.parse(readFileSync(file, "utf8")) as ReplayStatus;
    // Running on disk but not here: the service stopped while it ran.
    return status.state === "running" ? { ...status, state: "interrupted" } : status;
  };
  const list = () =>
    readdirSync(options.dir)
      .flatMap((id) => load(id) ?? [])
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));

  const removePartialFiles = (replayId: string) => {
    // Gone already when a newer replay made room for itself while this process was exiting.
    if (!existsSync(dirOf(replayId))) return;
    for (const name of readdirSync(dirOf(replayId)))
      if (name !== STATUS_FILE) rmSync(join(dirOf(replayId), name), { recursive: true, force: true });
  };

  // Bounded output: the oldest replays beyond the last keep - 1 make room for the new one.
  const makeRoom = () => {
    for (const old of list().slice(keep - 1)) rmSync(dirOf(old.replayId), { recursive: true, force: true });
  };

  function start(point: ReplayPoint) {
    if (running) return { started: false, status: { ...running.status } };
    makeRoom();
    const replayId = randomUUID();
    mkdirSync(dirOf(replayId));
    const status: ReplayStatus = {
      replayId,
      point,
      state: "running",
      phase: null,
      eventsDone: 0,
      eventsTotal: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      summary: null,
      reason: null,
    };
    save(status);
    const { module, args, execArgv } = replayEntry();
    const child = fork(module, args, {
      execArgv: [...execArgv, heapFlag],
      // stderr is read only to tell an exhausted heap, never logged: nothing of the ledger leaves.
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    // V8's line comes first, then a native and a JS stack of any length: watched as it streams by,
    // with the end of the previous chunk kept for a line split between two.
    let heapExhausted = false;
    let carried = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = carried + chunk.toString();
      heapExhausted ||= HEAP_EXHAUSTED.test(text);
      carried = text.slice(-80);
    });
    // The job goes over the IPC channel, not argv or the environment: a store URL may hold credentials.
    const job: ReplayJob = { store: options.store, point, dir: dirOf(replayId) };
    child.send(job);
    const finish = (state: "done" | "failed", change: Partial<ReplayStatus>) => {
      if (status.state !== "running") return;
      Object.assign(status, { state, finishedAt: new Date().toISOString(), ...change });
      save(status);
      // Ended as far as anyone asking can tell: the next replay may start while this process exits.
      if (running?.status === status) running = undefined;
    };
    child.on("message", (message: FromReplay) => {
      if (message.type === "progress") {
        Object.assign(status, { phase: message.phase, eventsDone: message.events, eventsTotal: message.total });
      } else if (message.type === "done") {
        finish("done", { summary: message.summary, eventsDone: status.eventsTotal ?? status.eventsDone });
      } else finish("failed", { reason: message.reason });
    });
    child.on("error", (error) => finish("failed", { reason: `the replay process failed (${error.name})` }));
    const ended = new Promise<void>((resolve) =>
      child.once("close", () => {
        if (!closing)
          finish("failed", {
            reason: heapExhausted
              ? outOfMemoryReason(heapMiB)
              : "the replay process ended before its report was written",
          });
        // A failed replay's partial files (a read model as large as the live one) are never offered:
        // removed, status.json kept to say why.
        if (status.state === "failed") removePartialFiles(replayId);
        resolve();
      }),
    );
    running = { status, child, ended };
    return { started: true, status: { ...status } };
  }

  return {
    start,
    get: load,
    list,
    file(replayId, name) {
      const status = load(replayId);
      return status?.state === "done" ? join(dirOf(replayId), name) : undefined;
    },
    async close() {
      closing = true;
      if (!running) return;
      // Left "running" on disk, so the next start of the service shows it interrupted.
      const { child, ended } = running;
      child.kill("SIGTERM");
      await ended;
    },
  };
}

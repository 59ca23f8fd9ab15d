import { count, type Output } from "../io.js";
import { startBar } from "./bar.js";

/**
 * Progress of a long pass over the log (`ledger replay`, `projections rebuild`, `verify`, `index`)
 * on stderr: on a terminal a bar with the rate and the time left, otherwise (a log, a pipe, CI) one
 * line every `intervalMs`, so a run of many minutes is never silent and never floods its log.
 */
export interface WorkProgress {
  /** `done` units handled so far, counted from the start of this piece of work. */
  update: (done: number) => void;
  /** Ends the bar; without a terminal, a last line says how long the whole took. */
  stop(): void;
}

export interface WorkProgressOptions {
  /** What is being done, e.g. "rebuilding the read models". */
  label: string;
  /** What `done` counts, plural: "events". */
  unit: string;
  /** How many there will be, when known: then the bar fills and a time left is shown. */
  total?: number;
  intervalMs?: number;
  now?: () => number;
}

export const PROGRESS_INTERVAL_MS = 10_000;

/** "12 s", "4 min 05 s", "1 h 02 min": the time left or taken, to the unit that matters. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (s < 3_600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3_600)} h ${pad(Math.floor((s % 3_600) / 60))} min`;
}

export function workProgress(stderr: Output, options: WorkProgressOptions): WorkProgress {
  const { label, unit, total, intervalMs = PROGRESS_INTERVAL_MS, now = Date.now } = options;
  const started = now();
  let done = 0;
  // Units per second since the start: steadier than the last interval's, and what an ETA needs.
  const rate = () => {
    const seconds = (now() - started) / 1_000;
    return seconds > 0 ? done / seconds : 0;
  };
  const rateText = () => `${count(Math.round(rate()))} ${unit}/s`;

  if (stderr.isTTY) {
    const format =
      total === undefined
        ? `${label} | {value} ${unit} | {rate}`
        : `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} | ETA {eta_formatted}`;
    const bar = startBar(stderr, format, total ?? 0, count, { rate: rateText() });
    return {
      update(value) {
        done = value;
        bar.update(done, { rate: rateText() });
      },
      stop: () => bar.stop(),
    };
  }

  let lastLine = started;
  const line = () => {
    const parts = [`${label}: ${count(done)}${total === undefined ? "" : `/${count(total)}`} ${unit}`];
    if (total !== undefined && total > 0) parts[0] += ` (${Math.floor((done / total) * 100)}%)`;
    parts.push(rateText());
    const perSecond = rate();
    if (total !== undefined && perSecond > 0) parts.push(`about ${duration((total - done) / perSecond)} left`);
    stderr.write(`${parts.join(", ")}\n`);
  };
  return {
    update(value) {
      done = value;
      if (now() - lastLine < intervalMs) return;
      lastLine = now();
      line();
    },
    stop() {
      // Only a run long enough to have printed a line gets a closing one: a quick command stays quiet.
      if (lastLine === started) return;
      stderr.write(`${label}: ${count(done)} ${unit} in ${duration((now() - started) / 1_000)}, ${rateText()}\n`);
    },
  };
}

import { count, type Output } from "../io.js";
import { startBar } from "./bar.js";

/** Progress on stderr: a bar on a terminal, one plain line per event in a log or a pipe. */
export interface Progress {
  /** A chunk finished (sent or skipped); `rowsDone` counts every row handled so far. */
  chunk(line: string, rowsDone: number): void;
  /** Something worth knowing while waiting, such as a retry. */
  note(line: string): void;
  stop(): void;
}

function bar(stderr: Output, total: number): Progress {
  const progress = startBar(stderr, "rows {value}/{total} [{bar}] {percentage}% | {status}", total, count, {
    status: "starting",
  });
  return {
    chunk: (line, rowsDone) => progress.update(rowsDone, { status: line }),
    note: (line) => progress.update({ status: line }),
    stop: () => progress.stop(),
  };
}

function lines(stderr: Output, total: number): Progress {
  return {
    chunk: (line, rowsDone) => stderr.write(`${line} (${count(rowsDone)}/${count(total)} rows)\n`),
    note: (line) => stderr.write(`${line}\n`),
    stop: () => undefined,
  };
}

export const progressOn = (stderr: Output, total: number): Progress =>
  stderr.isTTY ? bar(stderr, total) : lines(stderr, total);

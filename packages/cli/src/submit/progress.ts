import cliProgress from "cli-progress";
import { count, type Output } from "../io.js";

/** Progress on stderr: a bar on a terminal, one plain line per event in a log or a pipe. */
export interface Progress {
  /** A chunk finished (sent or skipped); `rowsDone` counts every row handled so far. */
  chunk(line: string, rowsDone: number): void;
  /** Something worth knowing while waiting, such as a retry. */
  note(line: string): void;
  stop(): void;
}

function bar(stderr: Output, total: number): Progress {
  const progress = new cliProgress.SingleBar(
    {
      stream: stderr as unknown as NodeJS.WritableStream,
      format: "rows {value}/{total} [{bar}] {percentage}% | {status}",
      formatValue: (value, _options, type) => (type === "value" || type === "total" ? count(value) : String(value)),
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  progress.start(total, 0, { status: "starting" });
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

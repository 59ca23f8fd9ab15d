import { existsSync } from "node:fs";
import { count, refusedError, usageError, type Io } from "../io.js";
import type { ClientOptions } from "./client.js";
import { lockFile } from "./lock.js";
import { planChunks } from "./plan.js";
import { progressOn } from "../progress/submit-progress.js";
import { summary, type Tally } from "./report.js";
import { scanFile } from "./scan.js";
import { sendChunks } from "./send-chunks.js";
import { loadState, saveState, stateFileOf } from "./state.js";

export interface SubmitOptions {
  file: string;
  cboId: string;
  /** Given only when --chunk was. */
  chunkSize?: number;
  verify: boolean;
  client: ClientOptions;
}

/**
 * `ledger submit`: checks the whole file, fixes every row's id and every chunk's submissionId in
 * the state file, then sends chunk by chunk. Throws a CliError when it stops early.
 */
export async function submitFile(options: SubmitOptions, io: Io): Promise<void> {
  if (!existsSync(options.file)) throw usageError(`${options.file} does not exist`);
  const stateFile = stateFileOf(options.file);
  const release = lockFile(stateFile);
  try {
    const previous = loadState(stateFile);
    const scan = await scanFile(options.file, previous);
    const plan = planChunks(previous, { rowCount: scan.rowCount, hasIdColumn: scan.header.hasIdColumn }, options);
    if (!plan.ok)
      throw refusedError(
        `${options.file} no longer fits its state file ${stateFile}: ${plan.problem}. Nothing was sent.`,
      );
    const { state, work } = plan;
    if (scan.distributionIds) state.distributionIds = scan.distributionIds;
    // Every id is on disk before the first is sent, so no crash can make a row take a second id.
    saveState(stateFile, state);
    io.stderr.write(
      `Sending ${count(scan.filledRows)} rows of ${options.file} for ${state.cboId} in ${work.length} chunk${work.length === 1 ? "" : "s"} ` +
        `of up to ${count(state.chunkSize)} rows; progress is kept in ${stateFile}\n`,
    );
    const progress = progressOn(io.stderr, scan.filledRows);
    const tally: Tally = { chunks: work.length, recorded: 0, replayed: 0, skipped: 0, rows: 0 };
    const client: ClientOptions = {
      ...options.client,
      onRetry: (reason, waitMs, attempt) =>
        progress.note(`${reason}; trying again in ${Math.round(waitMs / 1000)} s (attempt ${attempt})`),
    };
    try {
      await sendChunks(
        {
          file: options.file,
          stateFile,
          state,
          header: scan.header,
          client,
          progress,
          tally,
          totalRows: scan.filledRows,
        },
        work,
      );
    } finally {
      progress.stop();
    }
    io.stdout.write(summary(options.file, state.cboId, tally) + "\n");
  } finally {
    release();
  }
}

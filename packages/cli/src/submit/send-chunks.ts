import { stringify } from "csv-stringify/sync";
import { CliError, EXIT, count, refusedError } from "../io.js";
import { postChunk, type ClientOptions } from "./client.js";
import { ID_COLUMN, IDENTITY_COLUMNS, type Header } from "./columns.js";
import { csvRecords, isBlank } from "./csv-rows.js";
import type { WorkItem } from "./plan.js";
import type { Progress } from "../progress/submit-progress.js";
import { addPositions, chunkName, describeRefusal, rowsOf, type Tally } from "./report.js";
import { redactor } from "./rows.js";
import { saveState, type ChunkState, type SubmitState } from "./state.js";

export interface SendContext {
  file: string;
  stateFile: string;
  state: SubmitState;
  header: Header;
  client: ClientOptions;
  progress: Progress;
  tally: Tally;
  /** Rows the file will send in all, for the account given when a chunk is refused. */
  totalRows: number;
}

/** One chunk's rows as the CLI holds them: the only rows in memory at any time. */
interface Batch {
  rows: number[];
  records: string[][];
}

const fileChanged = (file: string) =>
  refusedError(`${file} changed while it was being sent; run the same command again once it is saved`);

/** The chunk's entry in the state, added when it is first sent. */
function entryFor(state: SubmitState, item: WorkItem): { entry: ChunkState; sentBefore: boolean } {
  const existing = state.chunks.find((chunk) => chunk.firstRow === item.firstRow);
  if (existing) return { entry: existing, sentBefore: true };
  const entry: ChunkState = { firstRow: item.firstRow, lastRow: item.lastRow, submissionId: item.submissionId };
  state.chunks.push(entry);
  state.chunks.sort((a, b) => a.firstRow - b.firstRow);
  return { entry, sentBefore: false };
}

async function finishChunk(
  context: SendContext,
  item: WorkItem,
  index: number,
  total: number,
  batch: Batch,
): Promise<void> {
  const { state, tally, progress } = context;
  const name = chunkName(index, total, item);
  if (item.skip) {
    tally.skipped++;
    tally.rows += batch.rows.length;
    addPositions(tally, item);
    progress.chunk(`${name}: recorded by an earlier run, skipped`, tally.rows);
    return;
  }
  const { entry, sentBefore } = entryFor(state, item);
  delete entry.refusal;
  if (batch.rows.length === 0 && sentBefore) {
    throw refusedError(`${name} was sent before, and its rows are now blank; restore them as they were`);
  }
  if (batch.rows.length === 0) {
    Object.assign(entry, { status: "done", count: 0 });
    progress.chunk(`${name}: only blank rows, nothing to send`, tally.rows);
    return;
  }
  // On disk before it is sent: if the answer is lost, the next run sends the same ids again. A
  // chunk known to be recorded stays so while --verify sends it.
  if (entry.status !== "done") entry.status = "sending";
  saveState(context.stateFile, state);
  const columns = context.header.hasIdColumn ? context.header.columns : [ID_COLUMN, ...context.header.columns];
  const outcome = await postChunk(
    context.client,
    { submissionId: entry.submissionId, cboId: state.cboId },
    stringify([columns, ...batch.records]),
  );

  if (outcome.kind === "recorded") {
    const { count: recordedCount, replayed, firstPosition, lastPosition } = outcome.recorded;
    // Saved with the next chunk or at the end: lost, it only makes the next run replay this chunk.
    Object.assign(entry, { status: "done", count: recordedCount, replayed, firstPosition, lastPosition });
    if (replayed) tally.replayed++;
    else tally.recorded++;
    tally.rows += batch.rows.length;
    addPositions(tally, entry);
    const what = replayed
      ? "already in the ledger, unchanged (replayed)"
      : `recorded at positions ${firstPosition}–${lastPosition}`;
    progress.chunk(`${name}: ${rowsOf(recordedCount)} ${what}`, tally.rows);
    return;
  }
  if (outcome.kind === "unavailable") {
    throw new CliError(
      EXIT.unavailable,
      `${name} could not be delivered: ${outcome.reason}, after retrying. Nothing is lost: run the same command again later; ` +
        "the ledger will not record anything twice.",
    );
  }
  // A chunk sent before may be recorded whatever this answer says, so it stays protected.
  if (!sentBefore)
    Object.assign(entry, { status: "refused", refusal: { status: outcome.status, error: outcome.error } });
  const identityAt = context.header.columns.flatMap((column, i) => (IDENTITY_COLUMNS.includes(column) ? [i] : []));
  const offset = context.header.hasIdColumn ? 0 : 1;
  const redact = redactor(batch.records.flatMap((record) => identityAt.map((i) => record[i + offset] ?? "")));
  throw refusedError(
    `${name} of ${context.file} was not recorded: ${describeRefusal(outcome, batch.rows, redact, sentBefore)}\n` +
      `${count(tally.rows)} of ${count(context.totalRows)} rows are in the ledger.`,
  );
}

/**
 * The second pass: streams the file again, gathers one chunk's rows at a time and sends it,
 * stopping at the first refusal. Chunks recorded by an earlier run are read past, not sent.
 */
export async function sendChunks(context: SendContext, work: readonly WorkItem[]): Promise<void> {
  try {
    await sendInOrder(context, work);
  } finally {
    saveState(context.stateFile, context.state);
  }
}

async function sendInOrder(context: SendContext, work: readonly WorkItem[]): Promise<void> {
  const ids = context.state.distributionIds;
  let index = 0;
  let batch: Batch = { rows: [], records: [] };
  let sawHeader = false;
  for await (const { row, cells } of csvRecords(context.file)) {
    if (!sawHeader) {
      sawHeader = true;
      if (cells.join(",") !== context.header.columns.join(",")) throw fileChanged(context.file);
      continue;
    }
    while (index < work.length && row > work[index]!.lastRow) {
      await finishChunk(context, work[index]!, index, work.length, batch);
      index++;
      batch = { rows: [], records: [] };
    }
    if (index === work.length) throw fileChanged(context.file);
    if (isBlank(cells)) continue;
    batch.rows.push(row);
    if (work[index]!.skip) continue;
    const id = ids?.[row];
    if (ids && id === undefined) throw fileChanged(context.file);
    batch.records.push(id === undefined ? cells : [id, ...cells]);
  }
  for (; index < work.length; index++, batch = { rows: [], records: [] }) {
    await finishChunk(context, work[index]!, index, work.length, batch);
  }
}

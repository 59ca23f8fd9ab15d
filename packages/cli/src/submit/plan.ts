import { v7 as uuidv7 } from "uuid";
import { count } from "../io.js";
import { isProtected, type ChunkState, type SubmitState } from "./state.js";

export const DEFAULT_CHUNK_SIZE = 1000;

export interface PlanOptions {
  cboId: string;
  /** Only when given on the command line; otherwise the size the file was started with. */
  chunkSize?: number;
  /** Re-send chunks already recorded so the ledger confirms them unchanged. */
  verify: boolean;
}

export interface WorkItem extends ChunkState {
  /** Recorded earlier and not to be sent again. */
  skip: boolean;
}

export type Plan = { ok: true; state: SubmitState; work: WorkItem[] } | { ok: false; problem: string };

const rows = (chunk: Pick<ChunkState, "firstRow" | "lastRow">) =>
  `rows ${count(chunk.firstRow)}–${count(chunk.lastRow)}`;

/** Why the file and its state no longer fit, or undefined when the recorded chunks are safe to build on. */
function mismatch(
  previous: SubmitState,
  recorded: ChunkState[],
  file: { rowCount: number; hasIdColumn: boolean },
  options: PlanOptions,
) {
  const span = `${rows({ firstRow: recorded[0]!.firstRow, lastRow: recorded.at(-1)!.lastRow })} may already be in the ledger`;
  if (previous.cboId !== options.cboId) {
    return `this file's chunks were sent for ${previous.cboId}, not ${options.cboId}; ${span}`;
  }
  if (file.hasIdColumn !== (previous.distributionIds === undefined)) {
    return `the file ${file.hasIdColumn ? "gained" : "lost"} its distributionId column since chunks were sent; ${span}. Restore the column as it was`;
  }
  if (options.chunkSize !== undefined && options.chunkSize !== previous.chunkSize) {
    return `this file was started with --chunk ${previous.chunkSize}; finish it with the same size (or leave --chunk out), since recorded chunks keep their rows`;
  }
  if (file.rowCount !== previous.rowCount && !options.verify) {
    return (
      `the file had ${count(previous.rowCount)} rows when chunks were sent and now has ${count(file.rowCount)}; ${span}, and rows added, ` +
      `removed or moved above them would be recorded again under new ids. Undo the change, or put new rows in a new file. ` +
      `If rows were only added after the last row, run again with --verify: recorded chunks are re-sent first and the ledger confirms them unchanged`
    );
  }
  const cut = recorded.find((chunk) => chunk.lastRow > file.rowCount + 1);
  if (cut)
    return `the file now ends at row ${count(file.rowCount + 1)}, but ${rows(cut)} were sent in one chunk; restore the missing rows`;
  return undefined;
}

/**
 * Chunks already sent keep their rows, submissionId and ids, whatever happens; the rows around
 * them are cut into new chunks of chunkSize rows. Refused chunks stored nothing and are re-planned,
 * keeping their submissionId when the rows are the same.
 */
export function planChunks(
  previous: SubmitState | undefined,
  file: { rowCount: number; hasIdColumn: boolean },
  options: PlanOptions,
): Plan {
  const recorded = (previous?.chunks ?? []).filter(isProtected).sort((a, b) => a.firstRow - b.firstRow);
  if (previous && recorded.length > 0) {
    const problem = mismatch(previous, recorded, file, options);
    if (problem) return { ok: false, problem };
  }
  const overlap = recorded.find((chunk, i) => i > 0 && chunk.firstRow <= recorded[i - 1]!.lastRow);
  if (overlap)
    return { ok: false, problem: `the state file's chunks overlap at ${rows(overlap)}; it has been edited by hand` };

  const chunkSize = options.chunkSize ?? (recorded.length > 0 ? previous!.chunkSize : DEFAULT_CHUNK_SIZE);
  const refused = new Map(
    (previous?.chunks ?? []).filter((c) => !isProtected(c)).map((c) => [`${c.firstRow}-${c.lastRow}`, c.submissionId]),
  );
  const work: WorkItem[] = [];
  const fill = (from: number, to: number) => {
    for (let firstRow = from; firstRow <= to; firstRow += chunkSize) {
      const lastRow = Math.min(firstRow + chunkSize - 1, to);
      work.push({ firstRow, lastRow, submissionId: refused.get(`${firstRow}-${lastRow}`) ?? uuidv7(), skip: false });
    }
  };
  let next = 2;
  for (const chunk of recorded) {
    fill(next, chunk.firstRow - 1);
    work.push({ ...chunk, skip: chunk.status === "done" && !options.verify });
    next = chunk.lastRow + 1;
  }
  fill(next, file.rowCount + 1);
  const state: SubmitState = { version: 1, cboId: options.cboId, chunkSize, rowCount: file.rowCount, chunks: recorded };
  return { ok: true, state, work };
}

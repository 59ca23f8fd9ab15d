import { count } from "../io.js";
import type { PostOutcome } from "./client.js";
import { describeDetail, inFileRows, type ChunkRows } from "./rows.js";
import type { ChunkState } from "./state.js";

type Refused = Extract<PostOutcome, { kind: "refused" }>;

/** `1 row`, `2 rows`. */
export const rowsOf = (n: number): string => `${count(n)} row${n === 1 ? "" : "s"}`;

export const chunkName = (
  index: number,
  total: number,
  { firstRow, lastRow }: Pick<ChunkState, "firstRow" | "lastRow">,
): string =>
  `chunk ${index + 1}/${total} (${firstRow === lastRow ? `row ${count(firstRow)}` : `rows ${count(firstRow)}–${count(lastRow)}`})`;

/** What the person at the keyboard can do about a refusal, beyond fixing the rows listed. */
function advice(refusal: Refused, sentBefore: boolean): string {
  if (refusal.status === 401)
    return "The API key was not accepted: check LEDGER_API_KEY (or the --key-file) holds the whole token you were given.";
  if (refusal.status === 403)
    return "This key may not submit for this CBO: use the key issued to this CBO, or ask the coalition operator for one.";
  if (refusal.status === 413)
    return "The chunk is too large for the server: run again with a smaller --chunk (only if no chunk is recorded yet).";
  if (refusal.status === 409 && sentBefore) {
    return (
      "This chunk was sent before with other content: rows in it changed after they were sent. Restore them as they were. " +
      "A mistake in a recorded distribution is corrected by a void and a new record, not by editing the file."
    );
  }
  return "Nothing of this chunk was recorded. Fix the rows listed and run the same command again: chunks already recorded are not sent again.";
}

/** The refusal, every detail on its own line, rows counted as in the CBO's file. */
export function describeRefusal(
  refusal: Refused,
  chunkRows: ChunkRows,
  redact: (text: string) => string,
  sentBefore: boolean,
): string {
  const lines = [
    `the ledger refused it (${refusal.status} ${refusal.error}): ${redact(inFileRows(refusal.message, chunkRows))}`,
    ...refusal.details.map((detail) => `  ${redact(describeDetail(detail, chunkRows))}`),
    advice(refusal, sentBefore),
  ];
  return lines.join("\n");
}

export interface Tally {
  chunks: number;
  recorded: number;
  replayed: number;
  skipped: number;
  rows: number;
  firstPosition?: string;
  lastPosition?: string;
}

/** Widens the tally's span of log positions; positions are compared, not counted, as the store port asks. */
export function addPositions(tally: Tally, chunk: Pick<ChunkState, "firstPosition" | "lastPosition">): void {
  if (chunk.firstPosition === undefined || chunk.lastPosition === undefined) return;
  if (tally.firstPosition === undefined || BigInt(chunk.firstPosition) < BigInt(tally.firstPosition))
    tally.firstPosition = chunk.firstPosition;
  if (tally.lastPosition === undefined || BigInt(chunk.lastPosition) > BigInt(tally.lastPosition))
    tally.lastPosition = chunk.lastPosition;
}

export function summary(file: string, cboId: string, tally: Tally): string {
  return [
    `All ${rowsOf(tally.rows)} of ${file} are in the ledger for ${cboId}.`,
    `${tally.chunks} chunk${tally.chunks === 1 ? "" : "s"}: ${tally.recorded} recorded now, ${tally.replayed} replayed (already recorded, confirmed unchanged), ` +
      `${tally.skipped} skipped (recorded by an earlier run).`,
    tally.firstPosition === undefined ? "" : `Ledger positions: ${tally.firstPosition}–${tally.lastPosition}.`,
  ]
    .filter(Boolean)
    .join("\n");
}

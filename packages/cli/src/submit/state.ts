import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fsyncPath } from "@relief-ledger/event-store/durable-file";
import { isSlug, isUuid } from "@relief-ledger/domain";
import { refusedError } from "../io.js";

/**
 * `sending`: posted, outcome unknown (it may be recorded); `done`: recorded; `refused`: the
 * ledger said no, so nothing of it is stored. A chunk without a status counts as `sending`.
 */
export type ChunkStatus = "sending" | "done" | "refused";

export interface ChunkState {
  /** Spreadsheet rows covered, inclusive; blank rows inside are not sent. */
  firstRow: number;
  lastRow: number;
  submissionId: string;
  status?: ChunkStatus;
  /** Filled in when done. */
  count?: number;
  replayed?: boolean;
  firstPosition?: string;
  lastPosition?: string;
  /** Filled in when refused: the status and code only; the details are printed, not kept. */
  refusal?: { status: number; error: string };
}

/**
 * What `ledger submit` remembers beside FILE.csv: never a cell value, only ids, row numbers and
 * outcomes, so the file is as safe to keep and share as the ids themselves.
 */
export interface SubmitState {
  version: 1;
  cboId: string;
  chunkSize: number;
  /** Data rows (after the header, blank rows included) when the chunks were last planned. */
  rowCount: number;
  /** Absent when the file has its own distributionId column. Keyed by spreadsheet row number. */
  distributionIds?: Record<string, string>;
  chunks: ChunkState[];
}

export const stateFileOf = (csvFile: string): string => `${csvFile}.ledger-state.json`;

/** A chunk that was ever posted and not refused: what it holds may be in the ledger already. */
export const isProtected = (chunk: ChunkState): boolean => chunk.status !== "refused";

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function chunkProblem(chunk: unknown, i: number): string | undefined {
  const c = chunk as Partial<ChunkState> | null;
  if (typeof c !== "object" || c === null) return `chunks[${i}] is not an object`;
  if (!isCount(c.firstRow) || !isCount(c.lastRow) || c.firstRow < 2 || c.lastRow < c.firstRow)
    return `chunks[${i}] has bad rows`;
  if (typeof c.submissionId !== "string" || !isUuid(c.submissionId)) return `chunks[${i}] has a bad submissionId`;
  if (c.status !== undefined && !["sending", "done", "refused"].includes(c.status))
    return `chunks[${i}] has an unknown status`;
  return undefined;
}

/** Checks a state file's shape; a hand-edited or truncated file is refused, never guessed at. */
export function parseState(json: unknown): SubmitState | string {
  const s = json as Partial<SubmitState> | null;
  if (typeof s !== "object" || s === null || s.version !== 1) return "it is not a version 1 state file";
  if (typeof s.cboId !== "string" || !isSlug(s.cboId)) return "its cboId is missing or malformed";
  if (!isCount(s.chunkSize) || s.chunkSize < 1) return "its chunkSize is not a positive whole number";
  if (!isCount(s.rowCount)) return "its rowCount is not a whole number";
  if (s.distributionIds !== undefined) {
    const ids = Object.entries(s.distributionIds as Record<string, unknown>);
    if (ids.some(([row, id]) => !/^[1-9]\d*$/.test(row) || typeof id !== "string" || !isUuid(id))) {
      return "its distributionIds must map row numbers to UUIDs";
    }
  }
  if (!Array.isArray(s.chunks)) return "its chunks are missing";
  const bad = s.chunks.map(chunkProblem).find((problem) => problem !== undefined);
  return bad ?? (s as SubmitState);
}

export function loadState(file: string): SubmitState | undefined {
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    json = undefined;
  }
  const state = parseState(json);
  if (typeof state === "string") {
    throw refusedError(
      `${file} is damaged (${state}). Restore it rather than delete it: the ids in it are what keep rows already recorded from being recorded twice`,
    );
  }
  return state;
}

/** Written whole to a temporary file, flushed, then renamed: a crash leaves the old state or the new. */
export function saveState(file: string, state: SubmitState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2) + "\n", { mode: 0o600 });
  fsyncPath(temporary);
  renameSync(temporary, file);
}

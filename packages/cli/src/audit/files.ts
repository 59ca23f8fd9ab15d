import { readFileSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import {
  headFromCheckpoint,
  parsePublicKey,
  parseSignedNote,
  publicKeysById,
  type SignedNote,
} from "@relief-ledger/audit";
import { LedgerHeadSignedSchema, type LedgerHeadSigned } from "@relief-ledger/domain";
import { refusedError, usageError } from "../io.js";

export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw usageError(`cannot read ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
}

export function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw refusedError(`${file} is not JSON`);
  }
}

/** Public keys from PEM files, by key id; a private key or another algorithm is refused. */
export function readPublicKeys(files: readonly string[]): Map<string, KeyObject> {
  return publicKeysById(
    files.map((file) => {
      try {
        return parsePublicKey(readText(file, "the public key file"));
      } catch (error) {
        throw usageError(`${file}: ${(error as Error).message}`);
      }
    }),
  );
}

/** The heads in a file: a LedgerHeadSigned, or those of an inclusion or consistency bundle. */
export function readHeads(file: string): LedgerHeadSigned[] {
  const json = readJson(file, "the head file") as Record<string, unknown> | null;
  const candidates = [json, json?.head, json?.from, json?.to].filter((value) => value !== undefined);
  const heads = candidates.flatMap((value) => {
    const parsed = LedgerHeadSignedSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
  if (heads.length === 0) throw usageError(`${file} holds no signed head`);
  return heads;
}

/** A head an auditor kept: a JSON head or bundle, or a C2SP checkpoint (with any cosignatures). */
export interface KeptHeads {
  file: string;
  heads: LedgerHeadSigned[];
  /** For a checkpoint: its note, whose cosignature lines a witness key may verify. */
  note?: SignedNote;
}

/** Reads a --head file; a checkpoint must carry a valid signature of one of the operator's keys. */
export function readKeptHeads(file: string, operatorKeys: ReadonlyMap<string, KeyObject>): KeptHeads {
  const text = readText(file, "the head file");
  if (parseSignedNote(text) === null) return { file, heads: readHeads(file) };
  const read = headFromCheckpoint(text, operatorKeys);
  if (read === null) throw usageError(`${file} is a checkpoint, but no --public-key given signed it`);
  return { file, heads: [read.head], note: read.note };
}

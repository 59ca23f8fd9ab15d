import { readFileSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import { parsePublicKey, publicKeysById } from "@relief-ledger/audit";
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

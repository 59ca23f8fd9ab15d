// What this browser has seen of the ledger, in IndexedDB: every signed head it verified and
// found consistent, and the operator keys it trusts. Heads and public keys are public, so keeping
// them on the device leaks nothing; they are what later catches a server that rewrote its history.

import type { VerifiedCheckpoint } from "@relief-ledger/audit/portable";

export interface SeenHead extends VerifiedCheckpoint {
  /** When this browser first verified it (ISO 8601). */
  seenAt: string;
}

export interface TrustedKey {
  keyId: string;
  publicKeyHex: string;
  trustedAt: string;
}

const DB_NAME = "relief-ledger-audit";
const HEADS = "heads";
const KEYS = "keys";

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });

let opened: Promise<IDBDatabase> | undefined;
function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      // One head per size: a second root for a size is never stored, it is the alarm.
      request.result.createObjectStore(HEADS, { keyPath: "treeSize" });
      request.result.createObjectStore(KEYS, { keyPath: "keyId" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB cannot be opened"));
  });
  return opened;
}

async function store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await database()).transaction(name, mode).objectStore(name);
}

/** Every head seen, smallest first. */
export const seenHeads = async (): Promise<SeenHead[]> =>
  done((await store(HEADS, "readonly")).getAll() as IDBRequest<SeenHead[]>);

/**
 * Keeps a head, unless `check` was aborted (a newer check superseded the one that verified it):
 * tested after the database is open, in the same task the write is queued in, so no abort can
 * slip between the test and the write.
 */
export async function rememberHead(head: VerifiedCheckpoint, check: AbortSignal): Promise<SeenHead> {
  const seen: SeenHead = { ...head, seenAt: new Date().toISOString() };
  const db = await database();
  check.throwIfAborted();
  await done(db.transaction(HEADS, "readwrite").objectStore(HEADS).add(seen));
  return seen;
}

export const trustedKeys = async (): Promise<TrustedKey[]> =>
  done((await store(KEYS, "readonly")).getAll() as IDBRequest<TrustedKey[]>);

/** Trusts a key; as for heads, a superseded check (`check` aborted) trusts nothing. */
export async function trustKey(keyId: string, publicKeyHex: string, check?: AbortSignal): Promise<void> {
  const db = await database();
  check?.throwIfAborted();
  const key: TrustedKey = { keyId, publicKeyHex, trustedAt: new Date().toISOString() };
  await done(db.transaction(KEYS, "readwrite").objectStore(KEYS).put(key));
}

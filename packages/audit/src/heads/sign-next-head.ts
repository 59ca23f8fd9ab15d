import { randomUUID } from "node:crypto";
import { LEDGER_HEADS_STREAM, SCHEMA_VERSION, type EventPrincipal, type LedgerHeadSigned } from "@relief-ledger/domain";
import type { EventStore } from "@relief-ledger/event-store";
import type { MerkleIndexReader } from "../merkle-index/types.js";
import { DEFAULT_LOG_ORIGIN } from "../signing/checkpoint.js";
import { signHead } from "../signing/tree-head.js";
import type { SigningKey } from "../signing/signing-key.js";
import { readRecordedHeads } from "./read-heads.js";

export interface SignNextHeadOptions {
  store: EventStore;
  index: MerkleIndexReader;
  key: SigningKey;
  /**
   * Who appends the head; by default the system principal named by the signing key's id: a head
   * is the signing key's act, not an API key holder's (decisions/0006).
   */
  principal?: EventPrincipal;
  correlationId?: string;
  /** The checkpoint origin (LEDGER_LOG_ORIGIN); by default the last checkpoint's, else DEFAULT_LOG_ORIGIN. */
  origin?: string;
}

export type SignNextHeadResult =
  { signed: true; head: LedgerHeadSigned; position: bigint; revision: number } | { signed: false; reason: string };

/**
 * Signs the index's current root and appends it to `ledger-heads` with the previous head's
 * revision as the expected one, so two signers racing cannot both append. Refuses to sign a tree
 * that does not extend the last signed head: a signature must never cover a rewritten history.
 */
export async function signNextHead(options: SignNextHeadOptions): Promise<SignNextHeadResult> {
  const { store, index, key } = options;
  const last = (await readRecordedHeads(store)).at(-1);
  const size = index.size();
  const origin = options.origin ?? last?.head?.origin ?? DEFAULT_LOG_ORIGIN;
  if (last !== undefined) {
    const previous = last.head;
    if (previous === undefined) throw new Error(`the last event of ${LEDGER_HEADS_STREAM} is not a valid head`);
    // The origin names the log to witnesses: one log, one origin, for good.
    if (previous.origin !== undefined && previous.origin !== origin) {
      throw new Error(`the ledger's checkpoints have origin ${previous.origin}; refusing to sign as ${origin}`);
    }
    if (previous.treeSize > size) {
      throw new Error(`the index has ${size} leaves, fewer than the ${previous.treeSize} already signed`);
    }
    if (index.root(previous.treeSize).toString("hex") !== previous.rootHash) {
      throw new Error(`the index does not extend the head signed at size ${previous.treeSize}; run ledger verify`);
    }
    if (previous.treeSize === size) return { signed: false, reason: `size ${size} is already signed` };
  }
  if (size === 0) return { signed: false, reason: "the index is empty" };
  const head = signHead({ treeSize: size, rootHash: index.root(size) }, key, origin);
  const metadata = {
    recordedAt: new Date().toISOString(),
    principal: options.principal ?? { role: "system", keyId: key.keyId },
    correlationId: options.correlationId ?? `sign-head-${randomUUID()}`,
    schemaVersion: SCHEMA_VERSION,
  };
  const result = await store.append(
    LEDGER_HEADS_STREAM,
    [{ id: randomUUID(), type: "LedgerHeadSigned", data: { ...head }, metadata }],
    { expectedRevision: last?.revision ?? "no_stream" },
  );
  return { signed: true, head, position: result.lastPosition, revision: result.nextExpectedRevision };
}

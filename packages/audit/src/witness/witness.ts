import type { KeyObject } from "node:crypto";
import type { LedgerHeadSigned } from "@relief-ledger/domain";
import { hashList, isRecord } from "../proof-file/format.js";
import { headFromCheckpoint } from "../signing/checkpoint.js";
import { verifyConsistency } from "../verify.js";
import { cosign } from "./cosignature.js";

/** What one round of a witness needs: the log's answers, the keys, and what it kept last time. */
export interface WitnessRound {
  /** The log's latest signed checkpoint (/v1/audit/checkpoint). */
  fetchCheckpoint(): Promise<string>;
  /** A consistency bundle between two sizes (/v1/audit/proofs/consistency?from=&to=). */
  fetchConsistency(from: number, to: number): Promise<unknown>;
  /** The operator's public keys, by key id: a checkpoint under any other key is refused. */
  operatorKeys: ReadonlyMap<string, KeyObject>;
  witness: { name: string; privateKey: KeyObject };
  /** The checkpoint this witness cosigned last, as it stored it; undefined on the first round. */
  kept?: string;
  /** POSIX seconds. */
  now(): number;
}

export type WitnessOutcome =
  | { kind: "cosigned"; head: LedgerHeadSigned; from?: number; checkpoint: string; cosignature: string }
  | {
      kind: "inconsistent";
      kept: LedgerHeadSigned;
      received: LedgerHeadSigned;
      receivedCheckpoint: string;
      evidence?: unknown;
      reason: string;
    };

/**
 * One round of a witness (c2sp.org/tlog-witness, pulled rather than pushed): take the latest
 * checkpoint, check the operator's signature, check that it extends the one kept — equal sizes must
 * have equal roots, a larger one needs a consistency proof verified here, against the root kept here
 * (the log's copy of the old head is never trusted) — and cosign it. A checkpoint that is smaller,
 * or of a different root, or whose proof fails, is a fork or a rollback: refused, with both heads and
 * the proof returned for the caller to keep as evidence. Throws (a plain Error) when it cannot check.
 */
export async function witnessRound(round: WitnessRound): Promise<WitnessOutcome> {
  const text = await round.fetchCheckpoint();
  const received = headFromCheckpoint(text, round.operatorKeys);
  if (received === null) throw new Error("the log's checkpoint is not signed by any operator key given");
  const head = received.head;
  const checkpoint = `${received.note.body}\n${received.note.signatures.map((s) => s.line).join("")}`;
  const cosigned = (from?: number): WitnessOutcome => {
    const cosignature = cosign(received.note.body, round.witness.name, round.witness.privateKey, round.now());
    return {
      kind: "cosigned",
      head,
      ...(from !== undefined && { from }),
      checkpoint: checkpoint + cosignature,
      cosignature,
    };
  };
  if (round.kept === undefined) return cosigned();
  const kept = headFromCheckpoint(round.kept, round.operatorKeys)?.head;
  if (kept === undefined) throw new Error("the checkpoint kept is not signed by any operator key given");
  if (kept.origin !== head.origin)
    throw new Error(`the log's origin is ${head.origin}, the checkpoint kept is of ${kept.origin}`);
  const refuse = (reason: string, evidence?: unknown): WitnessOutcome => ({
    kind: "inconsistent",
    kept,
    received: head,
    receivedCheckpoint: checkpoint,
    ...(evidence !== undefined && { evidence }),
    reason,
  });
  if (head.treeSize < kept.treeSize) {
    return refuse(
      `the log's checkpoint signs ${head.treeSize} leaves, fewer than the ${kept.treeSize} cosigned before`,
    );
  }
  if (head.treeSize === kept.treeSize) {
    if (head.rootHash !== kept.rootHash) return refuse(`two different roots were signed for ${head.treeSize} leaves`);
    return cosigned();
  }
  const bundle = await round.fetchConsistency(kept.treeSize, head.treeSize);
  const proof = isRecord(bundle) ? hashList(bundle.proof) : null;
  const consistent =
    proof !== null &&
    verifyConsistency({
      size1: kept.treeSize,
      size2: head.treeSize,
      root1: Buffer.from(kept.rootHash, "hex"),
      root2: Buffer.from(head.rootHash, "hex"),
      proof,
    });
  if (!consistent) {
    return refuse(
      `the ${head.treeSize}-leaf tree does not extend the ${kept.treeSize}-leaf tree cosigned before`,
      bundle,
    );
  }
  return cosigned(kept.treeSize);
}

import type { KeyObject } from "node:crypto";
import { headFromCheckpoint, verifyCosignature, type WitnessIdentity } from "@relief-ledger/audit";
import type { StatementHead } from "./document.js";

export interface HeadCheck {
  /** Why the head is not to be trusted; empty when its signature and every checked cosignature hold. */
  problems: string[];
  /** Witnesses whose cosignature was checked with a key the checker gave, and holds. */
  witnessed: { witness: string; cosignedAt: string }[];
  /** Witnesses the statement names for which no key was given: their cosignatures were not checked. */
  unchecked: string[];
}

/**
 * The statement's head against the keys the checker trusts (never a key the file carries: a forger
 * would carry their own). The checkpoint must be signed by one of `ledgerKeys` and say exactly the
 * tree size, root and origin the statement states; each cosignature listed is checked against the
 * witness key given for it.
 */
export function checkStatementHead(
  head: StatementHead,
  ledgerKeys: ReadonlyMap<string, KeyObject>,
  witnesses: readonly WitnessIdentity[],
): HeadCheck {
  const signed = headFromCheckpoint(head.checkpoint, ledgerKeys);
  if (signed === null)
    return {
      problems: ["the head's checkpoint is not signed by the public key given: its signature does not verify"],
      witnessed: [],
      unchecked: [],
    };
  const problems: string[] = [];
  const { treeSize, rootHash, origin, keyId } = signed.head;
  if (treeSize !== head.treeSize || rootHash !== head.rootHash || origin !== head.origin || keyId !== head.keyId)
    problems.push("the head's treeSize, rootHash, origin or keyId differ from what its checkpoint signs");
  const witnessed: HeadCheck["witnessed"] = [];
  const unchecked: string[] = [];
  for (const { witness: name } of head.cosignatures) {
    const witness = witnesses.find((candidate) => candidate.name === name);
    if (witness === undefined) {
      unchecked.push(name);
      continue;
    }
    const at = signed.note.signatures
      .map((line) => verifyCosignature(signed.note.body, line, witness))
      .find((timestamp) => timestamp !== undefined);
    if (at === undefined) problems.push(`the cosignature of witness ${name} does not verify with the key given`);
    else witnessed.push({ witness: name, cosignedAt: new Date(at * 1000).toISOString() });
  }
  return { problems, witnessed, unchecked };
}

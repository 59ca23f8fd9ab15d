import type { KeyObject } from "node:crypto";
import type { LedgerHeadSigned } from "@relief-ledger/domain";
import { publicKeysById } from "../signing/public-key.js";
import { verifyHead } from "../signing/tree-head.js";

/** The verifier's own keys: PEM text, one or several (a key rotated between two heads). */
export type TrustedKeys = string | KeyObject | readonly (string | KeyObject)[];

// Array.isArray does not narrow a readonly array type, hence the cast.
export const keyMap = (keys: TrustedKeys): Map<string, KeyObject> =>
  publicKeysById((Array.isArray(keys) ? keys : [keys]) as readonly (string | KeyObject)[]);

/** Why a head is not to be trusted under these keys, or null when it is. */
export function headFailure(head: LedgerHeadSigned, keys: ReadonlyMap<string, KeyObject>, name: string): string | null {
  const key = keys.get(head.keyId);
  if (key === undefined) return `${name} is signed by key ${head.keyId}, not by a key given`;
  return verifyHead(head, key) ? null : `the signature of ${name} does not verify`;
}

import canonicalizeModule from "canonicalize";
import { leafHash } from "./hash.js";

// canonicalize is CommonJS typed as if it had an ES default export. Under Node's ESM interop the
// default import is module.exports itself, the function, while TypeScript expects `.default`:
// accept both rather than bet on one loader's interop.
type Canonicalize = (input: unknown) => string | undefined;
const canonicalize: Canonicalize =
  typeof canonicalizeModule === "function" ? canonicalizeModule : canonicalizeModule.default;

/**
 * The part of a recorded event that the Merkle log commits to. Structurally a subset of the event
 * store's RecordedEvent, declared here so the audit package (and offline verifiers) need not depend
 * on the store. `position` is left out because it is adapter-specific (EventStoreDB encodes a
 * transaction-log offset) while the leaf index already fixes the order; `metadata` is left out
 * because it carries operational detail (correlation ids) that is not part of the ledger's record.
 */
export interface LeafEvent {
  stream: string;
  revision: number;
  type: string;
  id: string;
  data: { [key: string]: unknown };
  recordedAt: string;
}

/** UTF-8 of the RFC 8785 canonical JSON of the event's six committed fields, and nothing else. */
export function leafBytes(event: LeafEvent): Buffer {
  const { stream, revision, type, id, data, recordedAt } = event;
  // Checked at run time too: events arrive from storage and the wire, and a leaf that silently
  // drops a field (canonicalize omits undefined) would hash to a different, unverifiable value.
  if (typeof stream !== "string" || typeof type !== "string" || typeof id !== "string") {
    throw new TypeError("leaf event needs string stream, type and id");
  }
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new TypeError("leaf event revision must be a non-negative integer");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TypeError("leaf event data must be a JSON object");
  }
  if (typeof recordedAt !== "string") throw new TypeError("leaf event recordedAt must be a string");
  const json = canonicalize({ stream, revision, type, id, data, recordedAt });
  if (json === undefined) throw new TypeError("leaf event is not serializable as JSON");
  return Buffer.from(json, "utf8");
}

/** The Merkle leaf hash of a ledger event: SHA-256(0x00 ‖ leafBytes(event)). */
export const eventLeafHash = (event: LeafEvent): Buffer => leafHash(leafBytes(event));

import { canonicalize, canonicalJson, plainCanonicalJson, quote } from "./canonical-json.js";

export { canonicalJson };

/**
 * The leaf formats. 1 (retired) committed to six fields and left the metadata out; 2 commits to
 * every field the store keeps except the position, which the leaf index stands for. Which format a
 * leaf has is fixed by its index: see legacyLeafFormatBelow and the README, §1.
 */
export const LEAF_FORMAT = { v1: 1, v2: 2 } as const;
export type LeafFormat = (typeof LEAF_FORMAT)[keyof typeof LEAF_FORMAT];

type JsonObject = { [key: string]: unknown };

/**
 * The part of a recorded event that the Merkle log commits to. Structurally a subset of the event
 * store's RecordedEvent, declared here so the audit package (and offline verifiers) need not depend
 * on the store. `position` is left out because it is adapter-specific (EventStoreDB encodes a
 * transaction-log offset) while the leaf index already fixes the order. `metadata` is committed by
 * leaf format 2 and required there.
 */
export interface LeafEvent {
  stream: string;
  revision: number;
  type: string;
  id: string;
  data: JsonObject;
  metadata?: JsonObject;
  recordedAt: string;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The RFC 8785 canonical JSON of the committed fields, whose UTF-8 is the leaf's bytes. Format 2
 * (the default): `{leafFormat: 2, stream, revision, type, id, data, metadata, recordedAt}`; format
 * 1: `{stream, revision, type, id, data, recordedAt}`.
 */
export function leafJson(event: LeafEvent, format: LeafFormat = LEAF_FORMAT.v2): string {
  const { stream, revision, type, id, data, metadata, recordedAt } = event;
  // Checked at run time too: events arrive from storage and the wire, and a leaf that silently
  // drops a field (canonicalize omits undefined) would hash to a different, unverifiable value.
  if (typeof stream !== "string" || typeof type !== "string" || typeof id !== "string") {
    throw new TypeError("leaf event needs string stream, type and id");
  }
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new TypeError("leaf event revision must be a non-negative integer");
  }
  if (!isObject(data)) throw new TypeError("leaf event data must be a JSON object");
  if (typeof recordedAt !== "string") throw new TypeError("leaf event recordedAt must be a string");
  // The committed object's members in RFC 8785 order (UTF-16 code units: data < id < leafFormat <
  // metadata < recordedAt < revision < stream < type), written directly: the event's own fields
  // need no sorting, and data and metadata go through the per-shape fast path.
  const dataJson = plainCanonicalJson(data);
  const tail = `,"recordedAt":${quote(recordedAt)},"revision":${revision},"stream":${quote(stream)},"type":${quote(type)}}`;
  if (format === LEAF_FORMAT.v1) {
    if (dataJson !== undefined) return `{"data":${dataJson},"id":${quote(id)}${tail}`;
    return generalLeafJson({ stream, revision, type, id, data, recordedAt });
  }
  if (format !== LEAF_FORMAT.v2) throw new TypeError("unknown leaf format");
  if (!isObject(metadata)) throw new TypeError("leaf format 2 needs the event's metadata, a JSON object");
  const metadataJson = plainCanonicalJson(metadata);
  if (dataJson !== undefined && metadataJson !== undefined) {
    return `{"data":${dataJson},"id":${quote(id)},"leafFormat":2,"metadata":${metadataJson}${tail}`;
  }
  return generalLeafJson({ leafFormat: LEAF_FORMAT.v2, stream, revision, type, id, data, metadata, recordedAt });
}

/**
 * The leaf through the general RFC 8785 serialiser: for data or metadata that is not plain JSON
 * (it gives that serialiser's output or error), and the reference the fast path is tested against.
 */
export function generalLeafJson(committed: JsonObject): string {
  const json = canonicalize(committed);
  if (json === undefined) throw new TypeError("leaf event is not serializable as JSON");
  return json;
}

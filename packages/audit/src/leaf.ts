import { leafHashOfText } from "./hash.js";
import { LEAF_FORMAT, canonicalJson, leafJson, type LeafEvent, type LeafFormat } from "./portable/leaf-json.js";

export { LEAF_FORMAT, canonicalJson, type LeafEvent, type LeafFormat };

/**
 * UTF-8 of the RFC 8785 canonical JSON of the committed fields (portable/leaf-json.ts, which the
 * web pages' verifier shares). Format 2 (the default):
 * `{leafFormat: 2, stream, revision, type, id, data, metadata, recordedAt}`; format 1:
 * `{stream, revision, type, id, data, recordedAt}`.
 */
export const leafBytes = (event: LeafEvent, format: LeafFormat = LEAF_FORMAT.v2): Buffer =>
  Buffer.from(leafJson(event, format), "utf8");

/** The Merkle leaf hash of a ledger event: SHA-256(0x00 ‖ leafBytes(event, format)). */
export const eventLeafHash = (event: LeafEvent, format: LeafFormat = LEAF_FORMAT.v2): Buffer =>
  leafHashOfText(leafJson(event, format));

/**
 * The format of leaf `leafIndex` in a ledger whose leaves below `legacyBelow` are format 1: the
 * tree size of the last head signed in the retired v1 form (0 for a ledger that never had one).
 */
export const leafFormatAt = (leafIndex: number, legacyBelow: number): LeafFormat =>
  leafIndex < legacyBelow ? LEAF_FORMAT.v1 : LEAF_FORMAT.v2;

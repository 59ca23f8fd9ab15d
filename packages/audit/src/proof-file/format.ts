import { LedgerHeadSignedSchema, type LedgerHeadSigned } from "@relief-ledger/domain";
import { isSize } from "../bits.js";
import { LEAF_FORMAT, type LeafEvent, type LeafFormat } from "../leaf.js";

export const INCLUSION_BUNDLE_FORMAT = "relief-ledger/inclusion-proof/v1";
export const CONSISTENCY_BUNDLE_FORMAT = "relief-ledger/consistency-proof/v1";

/** Everything needed to check, offline, that one event is in the ledger a signed head commits to. */
export interface ProofBundle {
  format: typeof INCLUSION_BUNDLE_FORMAT;
  /** How the leaf hashes the event (README §1); absent in bundles made before format 2: 1. */
  leafFormat?: LeafFormat;
  /** The committed fields of that leaf format: metadata too in format 2. */
  event: LeafEvent;
  leafIndex: number;
  treeSize: number;
  /** The RFC 6962 audit path, sibling first, lowercase hex. */
  inclusionProof: string[];
  head: LedgerHeadSigned;
  /** For convenience only: a checker must use a key it obtained independently. */
  publicKeyPem?: string;
}

/** Proof that the tree `to` signs extends, append-only, the tree `from` signs. */
export interface ConsistencyBundle {
  format: typeof CONSISTENCY_BUNDLE_FORMAT;
  from: LedgerHeadSigned;
  to: LedgerHeadSigned;
  /** The RFC 6962 consistency proof between the two sizes, lowercase hex. */
  proof: string[];
  publicKeyPem?: string;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const HEX_HASH = /^[0-9a-f]{64}$/;

/** Hashes from lowercase hex, or null: one spelling per value, as in the heads. */
export function hashList(value: unknown): Buffer[] | null {
  if (!Array.isArray(value) || !value.every((hex) => typeof hex === "string" && HEX_HASH.test(hex))) return null;
  return value.map((hex: string) => Buffer.from(hex, "hex"));
}

export function parseHead(value: unknown): LedgerHeadSigned | null {
  const parsed = LedgerHeadSignedSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function parseLeafFormat(value: unknown): LeafFormat | null {
  if (value === undefined) return LEAF_FORMAT.v1;
  return value === LEAF_FORMAT.v1 || value === LEAF_FORMAT.v2 ? value : null;
}

export function parseLeafEvent(value: unknown, format: LeafFormat): LeafEvent | null {
  if (!isRecord(value)) return null;
  const { stream, revision, type, id, data, metadata, recordedAt } = value;
  const fields = [stream, type, id, recordedAt];
  if (!fields.every((field) => typeof field === "string") || !isSize(revision) || !isRecord(data)) return null;
  if (format === LEAF_FORMAT.v1) return { stream, revision, type, id, data, recordedAt } as LeafEvent;
  if (!isRecord(metadata)) return null;
  return { stream, revision, type, id, data, metadata, recordedAt } as LeafEvent;
}

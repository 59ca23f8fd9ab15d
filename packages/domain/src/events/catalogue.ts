import { z } from "zod";
import { formatIssues, type FieldError } from "../api/field-errors.js";
import { DedupPolicySetSchema, DuplicateFlagResolvedSchema, FlagNoteAddedSchema } from "./dedup.js";
import { DistributionRecordedSchema, DistributionVoidedSchema } from "./distributions.js";
import { FundsReceivedSchema } from "./funds.js";
import { LedgerHeadSignedSchema } from "./ledger-head.js";
import { EventMetadataSchema, type EventMetadata } from "./metadata.js";
import { CboRegisteredSchema, DonorRegisteredSchema } from "./registrations.js";
import { storedDistribution } from "./stored-distribution.js";

/** The data schema of every v1 event, by the type name stored with it. */
export const eventSchemas = {
  CboRegistered: CboRegisteredSchema,
  DonorRegistered: DonorRegisteredSchema,
  FundsReceived: FundsReceivedSchema,
  DistributionRecorded: DistributionRecordedSchema,
  DistributionVoided: DistributionVoidedSchema,
  DedupPolicySet: DedupPolicySetSchema,
  DuplicateFlagResolved: DuplicateFlagResolvedSchema,
  FlagNoteAdded: FlagNoteAddedSchema,
  LedgerHeadSigned: LedgerHeadSignedSchema,
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;

export const EVENT_TYPES = Object.keys(eventSchemas) as EventType[];

export type LedgerEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

const variant = <T extends EventType>(type: T) => z.strictObject({ type: z.literal(type), data: eventSchemas[type] });

export const LedgerEventSchema = z.discriminatedUnion("type", [
  variant("CboRegistered"),
  variant("DonorRegistered"),
  variant("FundsReceived"),
  variant("DistributionRecorded"),
  variant("DistributionVoided"),
  variant("DedupPolicySet"),
  variant("DuplicateFlagResolved"),
  variant("FlagNoteAdded"),
  variant("LedgerHeadSigned"),
]);

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const isEventType = (type: string): type is EventType => Object.hasOwn(eventSchemas, type);

/** Checks an event's data against its type; errors name fields under `data.` and echo nothing. */
export function parseLedgerEvent(type: string, data: unknown): ParseResult<LedgerEvent> {
  if (!isEventType(type)) return { ok: false, errors: [{ path: "type", message: "is not a v1 event type" }] };
  const result = LedgerEventSchema.safeParse({ type, data });
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: formatIssues(result.error.issues) };
}

/**
 * parseLedgerEvent for events read back from the store: the same verdict and value for every
 * event, with a cheaper test of DistributionRecorded tried first (see storedDistribution).
 */
export function parseStoredLedgerEvent(type: string, data: unknown): ParseResult<LedgerEvent> {
  if (type === "DistributionRecorded") {
    const distribution = storedDistribution(data);
    if (distribution) return { ok: true, value: { type, data: distribution } };
  }
  return parseLedgerEvent(type, data);
}

export function parseEventMetadata(metadata: unknown): ParseResult<EventMetadata> {
  const result = EventMetadataSchema.safeParse(metadata);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: formatIssues(result.error.issues) };
}

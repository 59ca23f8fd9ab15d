import type { z } from "zod";
import { IDENTIFIER_TYPES } from "../identifiers/types.js";
import { MAX_BENEFICIARY_REFS, PSEUDONYM_PATTERN } from "../pseudonyms/beneficiary-ref.js";
import { CalendarDateSchema } from "../values/calendar-date.js";
import { KEY_ID_PATTERN, SLUG_PATTERN, UUID_PATTERN } from "../values/ids.js";
import { MAX_VALUE_PAISE } from "../values/money.js";
import { SERVICES } from "../values/services.js";
import { DISTRICT_MAX, SCHEME_MAX, storedText } from "../values/text.js";
import type { DistributionRecorded } from "./distributions.js";

const services: ReadonlySet<string> = new Set(SERVICES);
const identifierTypes: ReadonlySet<string> = new Set(IDENTIFIER_TYPES);
const REQUIRED = [
  "distributionId",
  "submissionId",
  "cboId",
  "service",
  "beneficiaries",
  "quantity",
  "valuePaise",
  "funding",
  "distributedOn",
];

/** A schema's verdict on a string, remembered: a log repeats few dates, districts and schemes. */
function remembered(schema: z.ZodType<string>, limit = 4_096): (value: string) => boolean {
  const valid = new Set<string>();
  return (value) => {
    if (valid.has(value)) return true;
    if (!schema.safeParse(value).success) return false;
    // Bounded, whatever the log holds: a full cache starts again.
    if (valid.size >= limit) valid.clear();
    valid.add(value);
    return true;
  };
}
const isDate = remembered(CalendarDateSchema);
const isDistrict = remembered(storedText(DISTRICT_MAX));
const isScheme = remembered(storedText(SCHEME_MAX));

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** True when `value` has exactly `keys` as its own keys (a strict object). */
function hasExactly(value: Record<string, unknown>, keys: number): boolean {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count === keys && Object.keys(value).length === keys;
}

function isBeneficiary(value: unknown): boolean {
  return (
    isRecord(value) &&
    hasExactly(value, 3) &&
    typeof value.type === "string" &&
    identifierTypes.has(value.type) &&
    typeof value.pseudonym === "string" &&
    PSEUDONYM_PATTERN.test(value.pseudonym) &&
    typeof value.keyId === "string" &&
    KEY_ID_PATTERN.test(value.keyId)
  );
}

function isFunding(value: unknown): boolean {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case "auto":
      return hasExactly(value, 1);
    case "fund":
      return hasExactly(value, 2) && typeof value.fundId === "string" && UUID_PATTERN.test(value.fundId);
    case "scheme":
      return hasExactly(value, 2) && typeof value.scheme === "string" && isScheme(value.scheme);
    default:
      return false;
  }
}

/**
 * The data of a stored DistributionRecorded, as it is, when it certainly passes
 * DistributionRecordedSchema, which leaves such data unchanged (no field is transformed); otherwise
 * undefined, and the caller parses it with the schema for its errors. A rebuild reads a million of
 * these: the schema's parse builds a copy of each and its checks (dates, free text) are the same
 * few values again and again, so this cheaper test — never looser than the schema, which a
 * property test holds it to — decides most of them alone.
 */
export function storedDistribution(data: unknown): DistributionRecorded | undefined {
  if (!isRecord(data)) return undefined;
  const d = data;
  const hasDistrict = Object.hasOwn(d, "district");
  if (!hasExactly(d, REQUIRED.length + (hasDistrict ? 1 : 0))) return undefined;
  for (const key of REQUIRED) if (!Object.hasOwn(d, key)) return undefined;
  const ok =
    typeof d.distributionId === "string" &&
    UUID_PATTERN.test(d.distributionId) &&
    typeof d.submissionId === "string" &&
    UUID_PATTERN.test(d.submissionId) &&
    typeof d.cboId === "string" &&
    SLUG_PATTERN.test(d.cboId) &&
    typeof d.service === "string" &&
    services.has(d.service) &&
    Number.isSafeInteger(d.quantity) &&
    (d.quantity as number) >= 1 &&
    Number.isSafeInteger(d.valuePaise) &&
    (d.valuePaise as number) >= 0 &&
    (d.valuePaise as number) <= MAX_VALUE_PAISE &&
    isFunding(d.funding) &&
    typeof d.distributedOn === "string" &&
    isDate(d.distributedOn) &&
    (!hasDistrict || (typeof d.district === "string" && isDistrict(d.district))) &&
    areBeneficiaries(d.beneficiaries);
  return ok ? (d as DistributionRecorded) : undefined;
}

/** 1 to MAX_BENEFICIARY_REFS beneficiaries, no pseudonym twice; indexed, so a hole fails too. */
function areBeneficiaries(value: unknown): boolean {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_BENEFICIARY_REFS) return false;
  const seen = new Set<string>();
  for (let k = 0; k < value.length; k++) {
    const beneficiary: unknown = value[k];
    if (!isBeneficiary(beneficiary)) return false;
    seen.add((beneficiary as { pseudonym: string }).pseudonym);
  }
  return seen.size === value.length;
}

import { z } from "zod";

export const IDENTIFIER_TYPES = ["aadhaar", "phone", "ration_card", "voter_id", "member_id"] as const;

export const IdentifierTypeSchema = z.enum(IDENTIFIER_TYPES);
export type IdentifierType = z.infer<typeof IdentifierTypeSchema>;

/**
 * The outcome of normalising one identity value. `reason` is a fixed sentence chosen from the
 * rule that failed and never includes any part of the value, so it is safe to log and return.
 */
export type NormalizeResult = { ok: true; normalized: string } | { ok: false; reason: string };

/** Longer input is rejected before any pattern runs on it; no identity document is this long. */
export const MAX_RAW_IDENTIFIER_LENGTH = 100;

export const ok = (normalized: string): NormalizeResult => ({ ok: true, normalized });
export const fail = (reason: string): NormalizeResult => ({ ok: false, reason });

/** The reasons every type shares, spread into each type's own list of reasons. */
export const commonReasons = (label: string) => ({
  notText: `${label} must be text`,
  empty: `${label} is empty`,
  tooLong: `${label} is too long`,
});

/** The raw value as text when it may go on to its type's own rules, or the shared failure. */
export function asRawText(label: string, raw: unknown): string | NormalizeResult {
  const reasons = commonReasons(label);
  if (typeof raw !== "string") return fail(reasons.notText);
  if (raw.trim() === "") return fail(reasons.empty);
  if (raw.length > MAX_RAW_IDENTIFIER_LENGTH) return fail(reasons.tooLong);
  return raw;
}

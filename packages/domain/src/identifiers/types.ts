import { z } from "zod";
import { PROBLEMS, type Problem } from "../api/problems.js";

export const IDENTIFIER_TYPES = ["aadhaar", "phone", "ration_card", "voter_id", "member_id"] as const;

export const IdentifierTypeSchema = z.enum(IDENTIFIER_TYPES);
export type IdentifierType = z.infer<typeof IdentifierTypeSchema>;

/**
 * The outcome of normalising one identity value. `reason` is a fixed sentence chosen from the
 * rule that failed and never includes any part of the value, so it is safe to log and return.
 */
export type NormalizeResult = { ok: true; normalized: string } | { ok: false; reason: string; problem: Problem };

/** Longer input is rejected before any pattern runs on it; no identity document is this long. */
export const MAX_RAW_IDENTIFIER_LENGTH = 100;

export const ok = (normalized: string): NormalizeResult => ({ ok: true, normalized });
export const fail = (problem: Problem): NormalizeResult => ({ ok: false, reason: PROBLEMS[problem], problem });

/** The reasons every type shares, spread into each type's own list of reasons. */
export const COMMON_REASONS = {
  notText: PROBLEMS["identity.notText"],
  empty: PROBLEMS["identity.empty"],
  tooLong: PROBLEMS["identity.tooLong"],
} as const;

/** The raw value as text when it may go on to its type's own rules, or the shared failure. */
export function asRawText(raw: unknown): string | NormalizeResult {
  if (typeof raw !== "string") return fail("identity.notText");
  if (raw.trim() === "") return fail("identity.empty");
  if (raw.length > MAX_RAW_IDENTIFIER_LENGTH) return fail("identity.tooLong");
  return raw;
}

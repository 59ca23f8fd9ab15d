import { asRawText, commonReasons, fail, ok, type NormalizeResult } from "./types.js";

export const RATION_CARD_REASONS = {
  ...commonReasons("ration_card"),
  characters: "ration_card may contain only letters, digits, spaces, hyphens and slashes",
  length: "ration_card must have 6 to 20 letters and digits",
} as const;

export const VOTER_ID_REASONS = {
  ...commonReasons("voter_id"),
  format: "voter_id (EPIC) must be 3 letters followed by 7 digits",
} as const;

export const MEMBER_ID_REASONS = {
  ...commonReasons("member_id"),
  format: "member_id must be 1 to 64 letters, digits, '-', '_' or '/' with no spaces inside",
} as const;

// States print ration card numbers with their own separators (WB/12-345/678); only the letters
// and digits identify the card.
export function normalizeRationCard(raw: unknown): NormalizeResult {
  const text = asRawText("ration_card", raw);
  if (typeof text !== "string") return text;
  if (!/^[A-Za-z0-9\s/-]+$/.test(text)) return fail(RATION_CARD_REASONS.characters);
  const compact = text.replace(/[\s/-]/g, "").toUpperCase();
  if (compact.length < 6 || compact.length > 20) return fail(RATION_CARD_REASONS.length);
  return ok(compact);
}

export function normalizeVoterId(raw: unknown): NormalizeResult {
  const text = asRawText("voter_id", raw);
  if (typeof text !== "string") return text;
  // ASCII is checked before uppercasing: "ß".toUpperCase() is "SS", which would forge letters.
  const compact = text.replace(/\s/g, "");
  return /^[A-Za-z]{3}[0-9]{7}$/.test(compact) ? ok(compact.toUpperCase()) : fail(VOTER_ID_REASONS.format);
}

/**
 * Uppercased: CBO staff type member codes by hand across many spreadsheets, and "sw-014" and
 * "SW-014" splitting one member into two people would hide repeat benefits. The cost, two codes
 * differing only in case merging, is the safer error for a count of people served.
 */
export function normalizeMemberId(raw: unknown): NormalizeResult {
  const text = asRawText("member_id", raw);
  if (typeof text !== "string") return text;
  const trimmed = text.trim();
  return /^[A-Za-z0-9_/-]{1,64}$/.test(trimmed) ? ok(trimmed.toUpperCase()) : fail(MEMBER_ID_REASONS.format);
}

import { PROBLEMS } from "../api/problems.js";
import { COMMON_REASONS, asRawText, fail, ok, type NormalizeResult } from "./types.js";

export const RATION_CARD_REASONS = {
  ...COMMON_REASONS,
  characters: PROBLEMS["ration_card.characters"],
  length: PROBLEMS["ration_card.length"],
} as const;

export const VOTER_ID_REASONS = {
  ...COMMON_REASONS,
  format: PROBLEMS["voter_id.format"],
} as const;

export const MEMBER_ID_REASONS = {
  ...COMMON_REASONS,
  format: PROBLEMS["member_id.format"],
} as const;

// States print ration card numbers with their own separators (WB/12-345/678); only the letters
// and digits identify the card.
export function normalizeRationCard(raw: unknown): NormalizeResult {
  const text = asRawText(raw);
  if (typeof text !== "string") return text;
  if (!/^[A-Za-z0-9\s/-]+$/.test(text)) return fail("ration_card.characters");
  const compact = text.replace(/[\s/-]/g, "").toUpperCase();
  if (compact.length < 6 || compact.length > 20) return fail("ration_card.length");
  return ok(compact);
}

export function normalizeVoterId(raw: unknown): NormalizeResult {
  const text = asRawText(raw);
  if (typeof text !== "string") return text;
  // ASCII is checked before uppercasing: "ß".toUpperCase() is "SS", which would forge letters.
  const compact = text.replace(/\s/g, "");
  return /^[A-Za-z]{3}[0-9]{7}$/.test(compact) ? ok(compact.toUpperCase()) : fail("voter_id.format");
}

/**
 * Uppercased: CBO staff type member codes by hand across many spreadsheets, and "sw-014" and
 * "SW-014" splitting one member into two people would hide repeat benefits. The cost, two codes
 * differing only in case merging, is the safer error for a count of people served.
 */
export function normalizeMemberId(raw: unknown): NormalizeResult {
  const text = asRawText(raw);
  if (typeof text !== "string") return text;
  const trimmed = text.trim();
  return /^[A-Za-z0-9_/-]{1,64}$/.test(trimmed) ? ok(trimmed.toUpperCase()) : fail("member_id.format");
}

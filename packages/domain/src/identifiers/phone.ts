import { PROBLEMS } from "../api/problems.js";
import { COMMON_REASONS, asRawText, fail, ok, type NormalizeResult } from "./types.js";

export const PHONE_REASONS = {
  ...COMMON_REASONS,
  characters: PROBLEMS["phone.characters"],
  foreign: PROBLEMS["phone.foreign"],
  mobile: PROBLEMS["phone.mobile"],
} as const;

const ALLOWED = /^\s*\+?[0-9\s().-]+$/;
const SEPARATORS = /[\s().-]/g;
const MOBILE = /^[6-9][0-9]{9}$/;

// Strips one way of writing India's prefix: +91, 0091, 91 before ten digits, or the trunk 0.
function nationalDigits(compact: string): string | null {
  let rest = compact;
  if (rest.startsWith("+")) {
    if (!rest.startsWith("+91")) return null;
    rest = rest.slice(3);
  } else if (rest.startsWith("0091")) {
    rest = rest.slice(4);
  } else if (rest.length === 12 && rest.startsWith("91")) {
    rest = rest.slice(2);
  }
  return rest.length === 11 && rest.startsWith("0") ? rest.slice(1) : rest;
}

/** Normalises to the 10 national digits, so +91 98765 43210 and 098765-43210 are one person. */
export function normalizePhone(raw: unknown): NormalizeResult {
  const text = asRawText(raw);
  if (typeof text !== "string") return text;
  if (!ALLOWED.test(text)) return fail("phone.characters");
  const national = nationalDigits(text.replace(SEPARATORS, ""));
  if (national === null) return fail("phone.foreign");
  // docs/rules.md's rule, and only it: a check that refused some spellings of a number and not others
  // (libphonenumber's landline test) would give one person two fates.
  if (!MOBILE.test(national)) return fail("phone.mobile");
  return ok(national);
}

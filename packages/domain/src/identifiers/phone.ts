import { parsePhoneNumberFromString, type NumberType } from "libphonenumber-js/max";
import { asRawText, commonReasons, fail, ok, type NormalizeResult } from "./types.js";

export const PHONE_REASONS = {
  ...commonReasons("phone"),
  characters: "phone may contain only digits, spaces, hyphens, dots, brackets and a leading +",
  foreign: "phone must be an Indian number (+91)",
  mobile: "phone must be a 10-digit Indian mobile number starting with 6, 7, 8 or 9",
  notMobile: "phone is a landline or service number, not a mobile",
} as const;

const ALLOWED = /^\s*\+?[0-9\s().-]+$/;
const SEPARATORS = /[\s().-]/g;
const MOBILE = /^[6-9][0-9]{9}$/;

// Types libphonenumber positively knows are not a personal mobile. A number it cannot place (new
// ranges, stale metadata) still passes, because the digit rule is the contract, not the library.
const NOT_MOBILE = new Set<NumberType>([
  "FIXED_LINE",
  "TOLL_FREE",
  "PREMIUM_RATE",
  "SHARED_COST",
  "UAN",
  "VOICEMAIL",
  "PAGER",
]);

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
  const text = asRawText("phone", raw);
  if (typeof text !== "string") return text;
  if (!ALLOWED.test(text)) return fail(PHONE_REASONS.characters);
  const compact = text.replace(SEPARATORS, "");
  const national = nationalDigits(compact);
  if (national === null) return fail(PHONE_REASONS.foreign);
  if (!MOBILE.test(national)) return fail(PHONE_REASONS.mobile);
  // 080 2345 6789 (a Bengaluru landline) also reads as ten digits starting with 8. Landlines are
  // written with their trunk 0 or +91; a bare ten digits is how people write a mobile. The
  // library's check costs a quarter of ingest's time, so it runs only where the doubt is real.
  if (compact !== national) {
    const type = parsePhoneNumberFromString(national, "IN")?.getType();
    if (type !== undefined && NOT_MOBILE.has(type)) return fail(PHONE_REASONS.notMobile);
  }
  return ok(national);
}

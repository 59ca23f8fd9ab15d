import { asRawText, commonReasons, fail, ok, type NormalizeResult } from "./types.js";
import { isVerhoeffValid } from "./verhoeff.js";

export const AADHAAR_REASONS = {
  ...commonReasons("aadhaar"),
  characters: "aadhaar may contain only digits, spaces and hyphens",
  length: "aadhaar must have exactly 12 digits",
  leadingDigit: "aadhaar cannot start with 0 or 1",
  checkDigit: "aadhaar check digit does not match; the number is mistyped",
} as const;

// Letters are refused rather than stripped: a masked copy (XXXX XXXX 1234) must not turn into a
// short run of digits that some other rule might happen to accept.
const ALLOWED = /^[0-9\s-]+$/;

export function normalizeAadhaar(raw: unknown): NormalizeResult {
  const text = asRawText("aadhaar", raw);
  if (typeof text !== "string") return text;
  if (!ALLOWED.test(text)) return fail(AADHAAR_REASONS.characters);
  const digits = text.replace(/[\s-]/g, "");
  if (digits.length !== 12) return fail(AADHAAR_REASONS.length);
  if (digits.startsWith("0") || digits.startsWith("1")) return fail(AADHAAR_REASONS.leadingDigit);
  if (!isVerhoeffValid(digits)) return fail(AADHAAR_REASONS.checkDigit);
  return ok(digits);
}

import { PROBLEMS } from "../api/problems.js";
import { COMMON_REASONS, asRawText, fail, ok, type NormalizeResult } from "./types.js";
import { isVerhoeffValid } from "./verhoeff.js";

export const AADHAAR_REASONS = {
  ...COMMON_REASONS,
  characters: PROBLEMS["aadhaar.characters"],
  length: PROBLEMS["aadhaar.length"],
  leadingDigit: PROBLEMS["aadhaar.leadingDigit"],
  checkDigit: PROBLEMS["aadhaar.checkDigit"],
} as const;

// Letters are refused rather than stripped: a masked copy (XXXX XXXX 1234) must not turn into a
// short run of digits that some other rule might happen to accept.
const ALLOWED = /^[0-9\s-]+$/;

export function normalizeAadhaar(raw: unknown): NormalizeResult {
  const text = asRawText(raw);
  if (typeof text !== "string") return text;
  if (!ALLOWED.test(text)) return fail("aadhaar.characters");
  const digits = text.replace(/[\s-]/g, "");
  if (digits.length !== 12) return fail("aadhaar.length");
  if (digits.startsWith("0") || digits.startsWith("1")) return fail("aadhaar.leadingDigit");
  if (!isVerhoeffValid(digits)) return fail("aadhaar.checkDigit");
  return ok(digits);
}

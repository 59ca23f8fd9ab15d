import { PROBLEMS } from "../api/problems.js";
import { normalizeAadhaar } from "./aadhaar.js";
import { normalizePhone } from "./phone.js";

/**
 * Finds identity numbers in free text (names, districts, references, schemes, reasons, notes),
 * where they must never be: a value is refused if it holds
 *
 * - a run of digits that normalises to a valid Aadhaar number (12 digits, first not 0 or 1,
 *   Verhoeff check digit valid) or to an Indian mobile number (10 digits starting 6–9, after
 *   a +91, 91, 0091 or 0 prefix), the same rules and the same normalisers as beneficiary
 *   documents. A run may have single spaces, hyphens or dots inside ("98450-12345",
 *   "2345 6789 0124", "+91 98450.12345"), and any whole groups of a longer run are tried
 *   ("Batch 3 9845012345" holds a mobile);
 * - an EPIC-shaped token: three letters then seven digits, in any case, standing alone
 *   (not the tail of a longer word such as a bank's UTR).
 *
 * Two exceptions keep bank references usable in a fund's reference (docs/privacy.md gives the
 * measured rates): digits glued to four or more capitals are the tail of a bank code (a UTR
 * such as SBINN02123456789, an IFSC) and are not read as a number at all; and a 12-digit run
 * written right after a bank-transfer label (RRN, UTR, UPI, IMPS, NEFT, RTGS, TXN) is not tested
 * as an Aadhaar number, since IMPS and UPI reference numbers are 12 digits and one in ten passes
 * the Verhoeff check by chance. It is still tested as a mobile number.
 *
 * Ration-card numbers are not looked for: "6–20 letters and digits" matches ordinary words.
 *
 * Only the kind found is returned, never the match, so nothing built on it can echo the number.
 */
export type IdentityInText = "aadhaar" | "phone" | "voter_id";

// Digits of any script (Devanagari, Bengali, fullwidth…) count as digits: the web pages are in
// Hindi and Bengali, and "९८४५०१२३४५" is as much a phone number as "9845012345".
const NON_ASCII_DIGIT = /[^\P{Nd}0-9]/gu;
const DIGIT_RANGE_START = new Map<number, number>();

function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0)!;
  let start = DIGIT_RANGE_START.get(code);
  if (start === undefined) {
    // Unicode encodes every decimal digit set as ten consecutive code points from 0 to 9.
    start = code;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
    DIGIT_RANGE_START.set(code, start);
  }
  return String((code - start) % 10);
}

const toAsciiDigits = (text: string): string => text.replace(NON_ASCII_DIGIT, asciiDigit);

// A run: digit groups joined by one space, hyphen or dot (or a few of them, as in "98450 - 12345"),
// with an optional leading +. Groups are kept whole: a mobile number is not looked for inside a
// 16-digit account number.
const RUN = /\+?[0-9]+(?:[ .-]{1,3}[0-9]+)*/g;
const GROUP = /[0-9]+/g;
const BANK_LABEL =
  /(?:^|[^A-Za-z])(?:RRN|UTR|UPI|IMPS|NEFT|RTGS|TXN)(?:[\s:#./-]*(?:no|number|ref|reference|id)\b\.?)*[\s:#./-]*$/i;
// Digits glued to four or more capitals are the tail of a bank's code (a UTR such as
// SBINN02123456789, an IFSC), not a number someone wrote down.
const BANK_CODE = /(?:^|[^A-Za-z0-9])[A-Z]{4,}$/;
const EPIC = /(?<![A-Za-z0-9])[A-Za-z]{3}[0-9]{7}(?![0-9])/;
// The longest spelling of a mobile number is 0091 and ten digits; of an Aadhaar number, 12 digits.
const MAX_CANDIDATE_DIGITS = 14;

function kindOfDigits(digits: string, plus: boolean, bankLabelled: boolean): IdentityInText | undefined {
  if (normalizePhone(plus ? `+${digits}` : digits).ok) return "phone";
  if (bankLabelled && digits.length === 12) return undefined;
  return normalizeAadhaar(digits).ok ? "aadhaar" : undefined;
}

function kindInRun(run: string, before: string): IdentityInText | undefined {
  if (!run.startsWith("+") && BANK_CODE.test(before)) return undefined;
  const groups = [...run.matchAll(GROUP)].map((match) => match[0]);
  const plus = run.startsWith("+");
  const bankLabelled = !plus && groups.length === 1 && BANK_LABEL.test(before);
  for (let first = 0; first < groups.length; first++) {
    let digits = "";
    for (let last = first; last < groups.length; last++) {
      digits += groups[last];
      if (digits.length > MAX_CANDIDATE_DIGITS) break;
      const kind = kindOfDigits(digits, plus && first === 0, bankLabelled);
      if (kind) return kind;
    }
  }
  return undefined;
}

/** The kind of identity number the text holds, if any (see above for the rule). */
export function findIdentityInText(text: string): IdentityInText | undefined {
  const ascii = toAsciiDigits(text);
  if (EPIC.test(ascii)) return "voter_id";
  for (const match of ascii.matchAll(RUN)) {
    const kind = kindInRun(match[0], ascii.slice(Math.max(0, match.index - 24), match.index));
    if (kind) return kind;
  }
  return undefined;
}

/** The refusal for each kind: names the kind of number, never the number. */
export const IDENTITY_IN_TEXT_REASONS: Readonly<Record<IdentityInText, string>> = {
  aadhaar: PROBLEMS["text.aadhaar"],
  phone: PROBLEMS["text.phone"],
  voter_id: PROBLEMS["text.voter_id"],
};

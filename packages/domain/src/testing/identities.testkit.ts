import fc from "fast-check";
import { verhoeffCheckDigit } from "../identifiers/verhoeff.js";

/** Appends the Verhoeff check digit, the way every valid Aadhaar ends. */
export const withCheckDigit = (digits: string): string => `${digits}${verhoeffCheckDigit(digits)}`;

// Worked once with verhoeffCheckDigit and pinned, so the tests do not only agree with themselves.
export const VALID_AADHAAR = ["234123412346", "499187654323", "987654321012", "500000000006"] as const;

/** Any valid Aadhaar: a first digit 2-9, ten more digits, then the check digit. */
export const validAadhaar = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 2, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }))
    .map(([first, rest]) => withCheckDigit(`${first}${rest.join("")}`));

/**
 * Table rows [raw, answer] for `it.each`, from groups that give one answer with every spelling
 * that must get it: each spelling is still a case of its own.
 */
export const eachSpelling = <Answer>(groups: [Answer, unknown[]][]): [unknown, Answer][] =>
  groups.flatMap(([answer, spellings]) => spellings.map((raw): [unknown, Answer] => [raw, answer]));

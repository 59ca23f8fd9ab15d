import { z } from "zod";
import { IDENTITY_IN_TEXT_REASONS, findIdentityInText } from "../identifiers/identity-in-text.js";

/** Marks the issue raised for an identity number in free text, which is refused with a 422. */
export const IDENTITY_IN_TEXT_RULE = "identity_in_text";

// Control characters have no place in a name or a note, and they corrupt logs and CSV exports.
const NO_CONTROL = /^[^\p{Cc}]*$/u;
const TRIMMED = /^(?!\s)[\s\S]*(?<!\s)$/;

/** Free text as stored in an event: already trimmed, so parsing a stored event never changes it. */
export const storedText = (max: number) =>
  z
    .string()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .regex(NO_CONTROL, "must not contain control characters")
    .regex(TRIMMED, "must not start or end with whitespace");

/**
 * Free text as a client sends it: trimmed first, then held to the stored rules, and refused if it
 * holds an identity number (an Aadhaar, mobile or voter ID number: see findIdentityInText). Events
 * already stored are read with storedText, which does not look, so history always parses.
 */
export const inputText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .regex(NO_CONTROL, "must not contain control characters")
    .superRefine((text, ctx) => {
      const kind = findIdentityInText(text);
      if (kind)
        ctx.addIssue({
          code: "custom",
          message: IDENTITY_IN_TEXT_REASONS[kind],
          params: { rule: IDENTITY_IN_TEXT_RULE, problem: `text.${kind}` },
        });
    });

export const ORG_NAME_MAX = 200;
export const DISTRICT_MAX = 100;
export const SCHEME_MAX = 64;
export const REFERENCE_MAX = 200;
export const REASON_MAX = 500;
export const NOTE_MAX = 2000;
/** A CBO's note on a flag: a few sentences for the auditor, shorter than an auditor's own note. */
export const FLAG_NOTE_MAX = 1000;

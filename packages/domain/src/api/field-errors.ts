import type { z } from "zod";
import { IDENTITY_IN_TEXT_RULE } from "../values/text.js";

/** One problem with a request, by dotted path (`distributions.3.valuePaise`). Never holds input. */
export interface FieldError {
  path: string;
  message: string;
}

export const formatPath = (path: readonly PropertyKey[]): string => path.map((segment) => String(segment)).join(".");

// zod 4 leaves the input out of issues unless asked to (reportInput) and it is never asked here.
// Three codes still name keys the client chose, and a key can be anything, a member's name
// included: their messages are rewritten without it.
function safeMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.length === 1
        ? "has a field that is not allowed"
        : `has ${issue.keys.length} fields that are not allowed`;
    case "invalid_key":
      return "has an invalid key";
    case "invalid_element":
      return "has an invalid element";
    // zod's own wording for these names the rule broken, never the input or a key. Listed one by
    // one so that a code a later zod adds fails the lint until someone has read what it says.
    case "invalid_type":
    case "too_big":
    case "too_small":
    case "invalid_format":
    case "not_multiple_of":
    case "invalid_union":
    case "invalid_value":
    case "custom":
      return issue.message;
  }
}

// A record's or map's bad key is the last segment of the issue's path: it is the client's text,
// so the path stops at the object that holds it.
const safePath = (issue: z.core.$ZodIssue): readonly PropertyKey[] =>
  issue.code === "invalid_key" ? issue.path.slice(0, -1) : issue.path;

/** Turns zod issues into field errors that are safe to return in a 400 and to log. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({ path: formatPath(safePath(issue)), message: safeMessage(issue) }));
}

export const formatZodError = (error: z.ZodError): FieldError[] => formatIssues(error.issues);

const isIdentityInText = (issue: z.core.$ZodIssue): boolean =>
  issue.code === "custom" && issue.params?.rule === IDENTITY_IN_TEXT_RULE;

/**
 * 422 when the only problem is an identity number in free text (well-formed, but against the
 * ledger's rule), 400 for anything malformed, which is then listed beside it.
 */
export const refusalStatusOf = (issues: readonly z.core.$ZodIssue[]): 400 | 422 =>
  issues.length > 0 && issues.every(isIdentityInText) ? 422 : 400;

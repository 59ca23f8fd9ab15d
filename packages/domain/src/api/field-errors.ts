import type { z } from "zod";

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
    default:
      return issue.message;
  }
}

/** Turns zod issues into field errors that are safe to return in a 400 and to log. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: safeMessage(issue) }));
}

export const formatZodError = (error: z.ZodError): FieldError[] => formatIssues(error.issues);

import { z } from "zod";

// The ingest API's answers, declared once: the service serves them and documents them in its
// OpenAPI; the CLI and the demo loader read them.

/** Where a write landed in the global log. Positions are decimal strings: they may exceed 2^53. */
export const RecordedSchema = z.object({
  firstPosition: z.string(),
  lastPosition: z.string(),
  count: z.int(),
  replayed: z.boolean().describe("true when this was a retry of a write already recorded; nothing new was stored"),
});
export type Recorded = z.infer<typeof RecordedSchema>;

/** One problem with a CSV file, by spreadsheet row and column (a letter for an unknown heading). */
export interface RowIssue {
  row?: number;
  column?: string;
  message: string;
}

/**
 * Where a request went wrong, never what it held: a field error names a `path`
 * (`distributions.3.valuePaise`), a CSV issue a `row` and `column`.
 */
const ErrorDetailSchema = z.looseObject({
  path: z.string().optional(),
  row: z.int().optional(),
  column: z.string().optional(),
  message: z.string(),
});

/** Every refusal and fault the services answer: a stable code, a message, and where. */
export const ErrorBodySchema = z.object({
  error: z.string().describe("a stable code: validation_failed, unauthorized, forbidden, conflict, unprocessable, …"),
  message: z.string(),
  details: z.array(ErrorDetailSchema).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

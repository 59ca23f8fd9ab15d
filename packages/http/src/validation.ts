import { formatIssues, refusalStatusOf } from "@relief-ledger/domain";
import type { FastifySchemaCompiler } from "fastify";
import type { z } from "zod";
import { HttpError } from "./errors.js";

/**
 * The one place a request's validation issues become a refusal. Paths name fields by the schema's
 * own words and by position (`distributions.0.district`), messages are the rule broken ("has a
 * field that is not allowed"), and neither ever holds a key or a value the client sent: those can
 * be a member's name or number. Free text carrying an identity number is a 422, anything else 400.
 */
export function validationRefusal(
  issues: readonly z.core.$ZodIssue[],
  message = "the request is invalid",
  where?: string,
): HttpError {
  const details = formatIssues(issues).map(({ path, message }) => ({
    path: [where, path].filter(Boolean).join("."),
    message,
  }));
  const status = refusalStatusOf(issues);
  return new HttpError(status, status === 422 ? "unprocessable" : "validation_failed", message, details);
}

/** Raised by the validator below; the error handler turns it into a refusal for its part of the request. */
export class RequestValidationError extends Error {
  /** Set by Fastify: body, params, querystring or headers. */
  validationContext?: string;

  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super("the request is invalid");
    this.name = "RequestValidationError";
  }
}

/**
 * Validates with the route's zod schema and keeps zod's issues whole (the type provider's own
 * compiler flattens them into Ajv-style errors whose messages quote unknown keys).
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error.issues) };
  };

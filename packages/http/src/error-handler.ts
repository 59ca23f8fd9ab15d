import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorBody } from "@relief-ledger/domain";
import { HttpError } from "./errors.js";
import { RequestValidationError, validationRefusal } from "./validation.js";

// Framework errors can quote the input (a JSON parse error shows the bytes near the fault, a bad
// URL is repeated whole, a content type is named): answer with our own words, keyed by the code.
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "the body is not valid JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: "the body is empty",
  FST_ERR_CTP_BODY_TOO_LARGE: "the body is larger than this route accepts",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "this content type is not accepted here",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "the content length does not match the body",
  FST_ERR_BAD_URL: "the URL is not valid",
  FST_ERR_MAX_PARAM_LENGTH: "a part of the path is too long",
};

// Fastify names the part of a request it validated; the body's fields are named without a prefix.
const prefixOf = (context: string | undefined) => (context === undefined || context === "body" ? undefined : context);

function toBody(error: FastifyError | HttpError): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    const body: ErrorBody = { error: error.error, message: error.message };
    if (error.details !== undefined) body.details = error.details as ErrorBody["details"];
    return { status: error.statusCode, body };
  }
  if (error instanceof RequestValidationError) {
    return toBody(validationRefusal(error.issues, undefined, prefixOf(error.validationContext)));
  }
  if (Array.isArray(error.validation)) {
    // Not a zod schema (none of ours): the part of the request is named, nothing in it.
    const path = prefixOf(error.validationContext) ?? "body";
    const details = [{ path, message: "is invalid" }];
    return { status: 400, body: { error: "validation_failed", message: "the request is invalid", details } };
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, body: { error: "rate_limited", message: "too many requests; slow down" } };
  if (status >= 400 && status < 500) {
    const message = FRAMEWORK_MESSAGES[error.code] ?? "the request was refused";
    return { status, body: { error: "bad_request", message } };
  }
  return { status: 500, body: { error: "internal", message: "an internal error occurred; it has been logged" } };
}

/** Every refusal and fault, in the `{ error, message, details? }` shape, never quoting the request. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toBody(error);
  if (status >= 500) request.log.error({ err: error }, "request failed");
  void reply.status(status).send(body);
}

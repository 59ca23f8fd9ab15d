import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { HttpError, type ErrorBody, type FieldIssue } from "./errors.js";

// Framework errors can quote the input (a JSON parse error shows the bytes near the fault), and
// the input may hold an identity number: answer with our own words, keyed by the error code.
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "the body is not valid JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: "the body is empty",
  FST_ERR_CTP_BODY_TOO_LARGE: "the body is larger than this route accepts",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "this content type is not accepted here",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "the content length does not match the body",
};

const toPath = (instancePath: string, params: Record<string, unknown> | undefined): string => {
  const base = instancePath.replace(/^\//, "").replaceAll("/", ".");
  const missing = typeof params?.missingProperty === "string" ? params.missingProperty : undefined;
  return [base, missing].filter(Boolean).join(".");
};

function toBody(error: FastifyError | HttpError): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    const body: ErrorBody = { error: error.error, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    return { status: error.statusCode, body };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: FieldIssue[] = error.validation.map((issue) => ({
      path: [
        error.validationContext === "body" ? "" : error.validationContext,
        toPath(issue.instancePath, issue.params as Record<string, unknown>),
      ]
        .filter(Boolean)
        .join("."),
      message: issue.message ?? "is invalid",
    }));
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

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toBody(error);
  if (status >= 500) request.log.error({ err: error }, "request failed");
  void reply.status(status).send(body);
}

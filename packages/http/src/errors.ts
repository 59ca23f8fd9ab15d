/** A refusal the client can act on: the status, a stable code, a message, and field details. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, "bad_request", message, details);
export const unauthorized = () =>
  new HttpError(401, "unauthorized", "a valid API key is required (Authorization: Bearer …)");
export const forbidden = (message = "this key's role may not do this") => new HttpError(403, "forbidden", message);
export const notFound = (message: string) => new HttpError(404, "not_found", message);
export const conflict = (message: string, details?: unknown) => new HttpError(409, "conflict", message, details);
export const unprocessable = (message: string, details?: unknown) =>
  new HttpError(422, "unprocessable", message, details);

export const payloadTooLarge = (limitBytes: number) =>
  new HttpError(413, "payload_too_large", `the body is larger than this route accepts (${limitBytes} bytes)`);
export const unsupportedMediaType = (message: string) => new HttpError(415, "unsupported_media_type", message);

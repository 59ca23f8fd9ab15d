import { ErrorBodySchema } from "@relief-ledger/domain";
import type { RouteOptions } from "fastify";

/** What each refusal status means on these APIs, for the OpenAPI description of the answers. */
const MEANINGS = {
  400: "the request is malformed: details name each field, never its value",
  401: "no valid API key (Authorization: Bearer …)",
  403: "this key's role or scope may not do this",
  404: "nothing this key may read is there",
  409: "an id was recorded before with other content; retrying cannot help",
  413: "the body is larger than this route accepts",
  415: "this content type is not accepted here",
  422: "the request breaks a rule of the ledger: details name each field",
  429: "too many requests from this key; slow down",
  503: "the ledger could not confirm the write; send the same request again",
} as const;

export type RefusalStatus = keyof typeof MEANINGS;

/**
 * Response schemas for refusals a route gives beside the ones every route gets (see
 * documentRefusals), each the one error body: `response: { 201: …, ...refusals(409, 422) }`.
 */
export const refusals = (...statuses: RefusalStatus[]): Partial<Record<RefusalStatus, typeof ErrorBodySchema>> =>
  Object.fromEntries(statuses.map((status) => [status, ErrorBodySchema.describe(MEANINGS[status])]));

/** Marks an onRequest hook as a key check, so the routes it guards document 401 and 403. */
export const KEY_CHECK: unique symbol = Symbol("key check");

const checksKey = (route: RouteOptions): boolean =>
  [route.onRequest ?? [], route.preHandler ?? []]
    .flat()
    .some((hook) => (hook as { [KEY_CHECK]?: boolean })[KEY_CHECK] === true);

/**
 * An onRoute hook: every documented route answers refusals in the error body, so its OpenAPI says
 * so (400 for a malformed request, 429 when rate limited, 401 and 403 where a key is checked),
 * and a client generated from it gets the error's type, not an empty one. A route's own response
 * schemas win.
 */
export function documentRefusals(route: RouteOptions): void {
  const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
  if (!schema || schema.hide) return;
  const common = checksKey(route) ? refusals(400, 401, 403, 429) : refusals(400, 429);
  schema.response = { ...common, ...schema.response };
}

/**
 * The tag groups of the served OpenAPI documents, one list for every service. A route's tag must be
 * one of them: a typo is a type error here, where Fastify's swagger would quietly open a new group.
 */
export const OPENAPI_TAGS = [
  "registrations",
  "funds",
  "submissions",
  "corrections",
  "totals",
  "attribution",
  "distributions",
  "flags",
  "audit",
  "keys",
  "session",
] as const;
export type OpenApiTag = (typeof OPENAPI_TAGS)[number];

/** The served documents' security scheme for an API key sent as a bearer token (server.ts declares it). */
export const KEY_SCHEME = "apiKey";

/** A route's OpenAPI words: its tag group and one-line summary. */
export interface RouteDoc {
  tags: OpenApiTag[];
  summary: string;
}

/**
 * A route's `schema`: its tag, its summary and what it reads and answers (params, querystring,
 * body, response, and a description where a summary is not enough), e.g.
 * `doc("totals", "Coalition totals by service and month", { querystring: FormatQuerySchema, response: { 200: CoalitionTotalsSchema } })`.
 * The schemas keep their own types, so the route's request and reply stay typed by them.
 */
export function doc<Parts extends object = Record<never, never>>(
  tag: OpenApiTag,
  summary: string,
  parts?: Parts,
): RouteDoc & Parts {
  return { tags: [tag], summary, ...(parts as Parts) };
}

/**
 * The `schema` of a route anyone may call without a key: doc's, with the document's key
 * requirement lifted for this route (`security: []`), so its OpenAPI says a client sends none.
 */
export function publicDoc<Parts extends object = Record<never, never>>(
  tag: OpenApiTag,
  summary: string,
  parts?: Parts,
): RouteDoc & { security: never[] } & Parts {
  return doc(tag, summary, { security: [], ...(parts as Parts) });
}

/**
 * What a route the operator may open to anyone says of keys (the coalition views under
 * `LEDGER_PUBLIC_COALITION`): when `open`, a client may call it with no key or with one (a key can
 * show more, such as an auditor's unsuppressed cells); when not, nothing, and the document's
 * requirement of a key stands. Spread into `doc`'s parts.
 */
export const keyOptionalWhen = (open: boolean): { security?: Record<string, string[]>[] } =>
  open ? { security: [{}, { [KEY_SCHEME]: [] }] } : {};

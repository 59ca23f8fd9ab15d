import type { FastifyInstance, InjectOptions } from "fastify";

/**
 * A member's name and numbers as a careless or hostile client might put them anywhere in a
 * request. The Aadhaar number is a valid one (Verhoeff), the phone a valid mobile.
 */
export const CANARY = {
  text: "Lakshmi Devi +91 98450 71263",
  aadhaar: "200066600010",
} as const;

// What must never come back or reach a log or a metric, in any spelling a server might produce.
const FRAGMENTS = ["lakshmi", "98450 71263", "9845071263", "98450%2071263", "98450+71263", "200066600010"];

export interface Leak {
  /** Which output held it: a response (method and route tried), "logs" or "metrics". */
  where: string;
  fragment: string;
}

export interface LeakProbeTarget {
  app: Pick<FastifyInstance, "inject">;
  /** Bearer tokens to try each route with (one per role is thorough); no key is always tried too. */
  tokens: readonly string[];
  /** Everything the service has logged so far. */
  logs: () => string;
  /** Routes the OpenAPI document hides (GET), probed as well. */
  hiddenRoutes?: readonly string[];
  /** A valid value for a path parameter, by name, so a body or query is validated at all. */
  pathValues?: Readonly<Record<string, string>>;
}

const A_UUID = "0190f5a2-0000-7000-8000-000000000001";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};
type Operation = {
  parameters?: { in: string; name: string; schema?: { format?: string } }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

const canaryText = `${CANARY.text} ${CANARY.aadhaar}`;
const enc = encodeURIComponent;

/** A body shaped like the route's schema with the canary in every value and an extra canary key. */
function fill(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return canaryText;
  const option = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (option) return fill(option, depth + 1);
  if (schema.properties) {
    const body: Record<string, unknown> = { [CANARY.text]: CANARY.aadhaar };
    for (const [key, property] of Object.entries(schema.properties)) body[key] = fill(property, depth + 1);
    return body;
  }
  if (schema.items) return [fill(schema.items, depth + 1), { [CANARY.text]: canaryText }];
  return canaryText;
}

/** Every way the probe plants the canary in one route's request. */
function variants(
  method: string,
  path: string,
  operation: Operation,
  pathValues: Readonly<Record<string, string>>,
): InjectOptions[] {
  const params = (operation.parameters ?? []).filter((p) => p.in === "path");
  const query = (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
  const withParams = (value?: string) =>
    params.reduce((url, { name, schema }) => {
      // Fastify checks params before the body and the query: a valid one lets those be checked.
      const valid = pathValues[name] ?? (schema?.format === "uuid" ? A_UUID : "ashodaya-samithi");
      return url.replace(`{${name}}`, enc(value ?? valid));
    }, path);
  const queryString = [...query, CANARY.text].map((name) => `${enc(name)}=${enc(canaryText)}`).join("&");
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  const urls = [withParams(CANARY.text), withParams(CANARY.aadhaar), `${withParams()}?${queryString}`];
  const requests: InjectOptions[] = urls.map((url) => ({ method: method as "GET", url }));
  if (method !== "GET") {
    const url = `${withParams()}?${queryString}`;
    requests.push(
      { method: method as "POST", url, payload: fill(schema) as object },
      { method: method as "POST", url, payload: { [CANARY.text]: canaryText } },
      {
        method: method as "POST",
        url,
        payload: `{"name":"${canaryText}", oops`,
        headers: { "content-type": "application/json" },
      },
      {
        method: method as "POST",
        url,
        payload: `name,${CANARY.text}\n${canaryText},1\n`,
        headers: { "content-type": "text/csv" },
      },
      { method: method as "POST", url, payload: canaryText, headers: { "content-type": "text/lakshmi-9845071263" } },
      {
        method: method as "POST",
        url,
        payload: fill(schema) as object,
        headers: { "content-type": "application/json; charset=lakshmi-9845071263", "x-member": canaryText },
      },
    );
  }
  return requests;
}

/** Requests no route answers: an unknown path, a method a path lacks, a URL that cannot be decoded. */
function strays(paths: string[]): InjectOptions[] {
  return [
    { method: "GET", url: `/v1/members/${CANARY.aadhaar}?aadhaar=${CANARY.aadhaar}&name=${enc(CANARY.text)}` },
    { method: "GET", url: `/v1/${enc(CANARY.text)}` },
    { method: "GET", url: `/v1/%E0%A4%A${CANARY.aadhaar}` },
    { method: "GET", url: `/docs/static/${CANARY.aadhaar}` },
    ...paths.map((path) => ({
      method: "DELETE" as const,
      url: `${path.replace(/\{[^}]+\}/g, CANARY.aadhaar)}?q=${CANARY.aadhaar}`,
    })),
  ];
}

const leaksIn = (where: string, text: string): Leak[] =>
  FRAGMENTS.filter((fragment) => text.toLowerCase().includes(fragment)).map((fragment) => ({ where, fragment }));

/**
 * Plants the canary in every part of a request to every route the service documents — path,
 * query, JSON keys and values, headers, bodies of the wrong type — with every key given, and
 * returns every place it came back: a response, a log line or a metric. An empty list is the pass.
 */
export async function probeForLeaks(target: LeakProbeTarget): Promise<{ leaks: Leak[]; requests: number }> {
  const spec = (await target.app.inject({ method: "GET", url: "/docs/json" })).json<{
    paths: Record<string, Record<string, Operation>>;
  }>();
  const requests: { label: string; options: InjectOptions }[] = [];
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const options of variants(method.toUpperCase(), path, operation, target.pathValues ?? {}))
        requests.push({ label: `${method.toUpperCase()} ${path}`, options });
    }
  }
  for (const path of target.hiddenRoutes ?? []) {
    for (const options of variants("GET", path, {}, {})) requests.push({ label: `GET ${path}`, options });
  }
  for (const options of strays(Object.keys(spec.paths))) requests.push({ label: "unrouted", options });

  const leaks: Leak[] = [];
  const bearers = [undefined, `Bearer ${canaryText}`, ...target.tokens.map((token) => `Bearer ${token}`)];
  let sent = 0;
  for (const { label, options } of requests) {
    for (const authorization of bearers) {
      const response = await target.app.inject({
        ...options,
        headers: { ...options.headers, ...(authorization ? { authorization } : {}) },
      });
      sent += 1;
      const headers = { ...response.headers };
      leaks.push(
        ...leaksIn(`response ${response.statusCode} to ${label}`, `${JSON.stringify(headers)}\n${response.body}`),
      );
    }
  }
  leaks.push(...leaksIn("logs", target.logs()));
  leaks.push(...leaksIn("metrics", (await target.app.inject({ method: "GET", url: "/metrics" })).body));
  return { leaks: dedupe(leaks), requests: sent };
}

function dedupe(leaks: Leak[]): Leak[] {
  const seen = new Map<string, Leak>();
  for (const leak of leaks) seen.set(`${leak.where}\u0000${leak.fragment}`, leak);
  return [...seen.values()];
}

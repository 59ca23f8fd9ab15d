import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { REPO_ROOT } from "../ci/repository-files.js";

// ajv-formats is CommonJS typed with an ES default export; accept either shape.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

export const COMPOSE_FILES = ["infra/compose/single-node.yml", "infra/compose/eventstoredb-cluster.yml"] as const;

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  environment?: Record<string, string> | string[];
  secrets?: (string | { source: string; target?: string })[];
  volumes?: (string | { source?: string; target: string })[];
  depends_on?: Record<string, { condition: string }> | string[];
  restart?: string;
  ports?: string[];
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file?: string }>;
  volumes?: Record<string, unknown>;
}

/** The file as Compose reads it: YAML with merge keys (`<<: *anchor`), before interpolation. */
export const readCompose = (file: string): ComposeFile =>
  parse(readFileSync(join(REPO_ROOT, file), "utf8"), { merge: true }) as ComposeFile;

/** The Compose Specification's JSON schema (compose-spec/, with its licence and NOTICE), compiled once. */
export function composeValidator(): (document: unknown) => string[] {
  const published = JSON.parse(readFileSync(new URL("./compose-spec/compose-spec.json", import.meta.url), "utf8")) as {
    $schema?: string;
  };
  // Draft 07, named by its https URL, which Ajv knows by its http one: the rules are the same.
  const { $schema: _draft07, ...schema } = published;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (document) =>
    validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

export const environmentOf = (service: ComposeService): Record<string, string> =>
  Array.isArray(service.environment)
    ? Object.fromEntries(
        service.environment.map((entry) => {
          const at = entry.indexOf("=");
          return at < 0 ? [entry, ""] : [entry.slice(0, at), entry.slice(at + 1)];
        }),
      )
    : { ...(service.environment ?? {}) };

export const secretsOf = (service: ComposeService): string[] =>
  (service.secrets ?? []).map((secret) => (typeof secret === "string" ? secret : secret.source));

/** Named volumes a service mounts (not bind mounts of paths). */
export const namedVolumesOf = (service: ComposeService): string[] =>
  (service.volumes ?? [])
    .map((volume) => (typeof volume === "string" ? volume.split(":")[0]! : (volume.source ?? "")))
    .filter((source) => source !== "" && !/^[./~$]/.test(source));

/** `${NAME}` and `${NAME:-default}` in the raw text: the variables Compose interpolates. */
export const interpolatedVariables = (file: string): string[] => [
  ...new Set(
    [...readFileSync(join(REPO_ROOT, file), "utf8").matchAll(/\$\{([A-Z0-9_]+)(?::?-[^}]*)?\}/g)].map((m) => m[1]!),
  ),
];

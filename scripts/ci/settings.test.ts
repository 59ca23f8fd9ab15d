import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { IngestConfigSchema } from "@relief-ledger/ingest";
import { ProjectorConfigSchema } from "@relief-ledger/projector";
import { QueryConfigSchema } from "@relief-ledger/query";
import { COMPOSE_FILES, interpolatedVariables } from "../infra/compose.js";
import { WebConfigSchema } from "@relief-ledger/web";
import { REPO_ROOT, repositoryFiles } from "./repository-files.js";

// LEDGER_ names in code that are not settings a person gives.
const NOT_SETTINGS: Record<string, string> = {
  LEDGER_HEADS_STREAM: "the name of a stream, a constant",
  LEDGER_BENCH_READ_MODEL: "passed by the query benchmark to the server it starts",
  LEDGER_BENCH_KEYS: "passed by the query benchmark to the server it starts",
};

/** Every LEDGER_* name in the example, commented out or not. */
export function documentedSettings(text: string): Set<string> {
  return new Set([...text.matchAll(/^#?\s?(LEDGER_[A-Z0-9_]+)=/gm)].map((match) => match[1]!));
}

// This file's own examples of the format are not settings.
const thisFile = relative(REPO_ROOT, fileURLToPath(import.meta.url));

/** Every LEDGER_* name the code mentions, tests included (they read settings too), and compose's. */
function settingsInCode(): Set<string> {
  const names = new Set<string>();
  for (const file of repositoryFiles().filter((name) => /\.(ts|js|mjs)$/.test(name) && name !== thisFile)) {
    for (const [name] of readFileSync(join(REPO_ROOT, file), "utf8").matchAll(/\bLEDGER_[A-Z0-9_]*[A-Z0-9]\b/g)) {
      if (!(name in NOT_SETTINGS)) names.add(name);
    }
  }
  // And the variables the compose files interpolate (LEDGER_DOMAIN, …).
  for (const file of COMPOSE_FILES) for (const name of interpolatedVariables(file)) names.add(name);
  return names;
}

const example = documentedSettings(readFileSync(join(REPO_ROOT, ".env.example"), "utf8"));
const sorted = (names: Iterable<string>) => [...names].sort();

describe(".env.example", () => {
  it("names every setting the code reads, and none it does not", () => {
    expect(sorted(example)).toEqual(sorted(settingsInCode()));
  });

  it.each([
    ["ingest", IngestConfigSchema],
    ["projector", ProjectorConfigSchema],
    ["query", QueryConfigSchema],
    ["web", WebConfigSchema],
  ] as const)("holds every setting of the %s service's config schema", (_service, schema) => {
    const keys = Object.keys(schema.in.shape);
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.filter((key) => !example.has(key))).toEqual([]);
  });

  it("finds names both commented out and set", () => {
    expect(sorted(documentedSettings("# LEDGER_A=1\nLEDGER_B=\n#LEDGER_C=x\n  LEDGER_D=no\nX_LEDGER_E=1\n"))).toEqual([
      "LEDGER_A",
      "LEDGER_B",
      "LEDGER_C",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { HEADER_PROBLEMS, PROBLEM_CODES, SERVICES, STATE_CODES } from "@relief-ledger/domain/browser";
import { TILE_POSITIONS } from "../states.js";
import { bn, en, hi } from "./index.js";

const keysOf = (value: unknown, prefix = ""): string[] =>
  typeof value === "object" && value !== null
    ? Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key))
    : [prefix];
const lookup = (resource: unknown, key: string): string =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resource) as string;

// Marks that read the same in every language: the rupee sign alone.
const SAME_EVERYWHERE = new Set(["figures.rupees"]);

describe("translations", () => {
  it("give Hindi and Bengali every string English has, and no other", () => {
    expect(keysOf(hi).sort()).toEqual(keysOf(en).sort());
    expect(keysOf(bn).sort()).toEqual(keysOf(en).sort());
  });

  it("translate every string, rather than copy the English", () => {
    for (const key of keysOf(en).filter((k) => !SAME_EVERYWHERE.has(k))) {
      expect(lookup(hi, key), `hi ${key}`).not.toBe(lookup(en, key));
      expect(lookup(bn, key), `bn ${key}`).not.toBe(lookup(en, key));
    }
  });

  it("name every state and service the ledger knows, and place every state on the tile map", () => {
    expect(Object.keys(TILE_POSITIONS).sort()).toEqual([...STATE_CODES].sort());
    for (const code of STATE_CODES) expect(Object.keys(en.state)).toContain(code);
    for (const service of SERVICES) expect(Object.keys(en.service)).toContain(service);
  });

  it("say every problem the domain can find with a row or a header, in every language", () => {
    for (const code of [...PROBLEM_CODES, ...Object.keys(HEADER_PROBLEMS)])
      for (const [language, resource] of Object.entries({ en, hi, bn }))
        expect(typeof lookup(resource, `problem.${code}`), `${language} problem.${code}`).toBe("string");
  });
});

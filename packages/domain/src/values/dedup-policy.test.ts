import { describe, expect, it } from "vitest";
import { DEFAULT_DEDUP_POLICY, DedupRulesSchema, applyDedupRules } from "./dedup-policy.js";

describe("DEFAULT_DEDUP_POLICY", () => {
  it("is the table in docs/rules.md", () => {
    expect(DEFAULT_DEDUP_POLICY).toEqual({
      grocery_kit: { windowDays: 30, maxPerWindow: 1 },
      cash_benefit: { windowDays: 30, maxPerWindow: 1 },
      direct_bank_transfer: { windowDays: 30, maxPerWindow: 1 },
      art_medicine: { windowDays: 25, maxPerWindow: 1 },
      gas_cylinder: { windowDays: 365, maxPerWindow: 1 },
      cooked_food: null,
      health_referral: null,
      masks_sanitizers: null,
    });
    expect(Object.isFrozen(DEFAULT_DEDUP_POLICY) && Object.isFrozen(DEFAULT_DEDUP_POLICY.art_medicine)).toBe(true);
  });
});

describe("applyDedupRules", () => {
  it("sets named rules, removes those set to null and keeps the rest", () => {
    const next = applyDedupRules(DEFAULT_DEDUP_POLICY, {
      art_medicine: { windowDays: 28, maxPerWindow: 1 },
      gas_cylinder: null,
      cooked_food: { windowDays: 1, maxPerWindow: 3 },
    });
    expect(next).toEqual({
      ...DEFAULT_DEDUP_POLICY,
      art_medicine: { windowDays: 28, maxPerWindow: 1 },
      gas_cylinder: null,
      cooked_food: { windowDays: 1, maxPerWindow: 3 },
    });
    expect(DEFAULT_DEDUP_POLICY.gas_cylinder).toEqual({ windowDays: 365, maxPerWindow: 1 });
  });
});

describe("DedupRulesSchema", () => {
  it("accepts a partial set of rules with nulls", () => {
    expect(
      DedupRulesSchema.safeParse({ cooked_food: null, grocery_kit: { windowDays: 14, maxPerWindow: 2 } }).success,
    ).toBe(true);
  });

  it.each([
    [{}, ""],
    [{ grocery_kit: { windowDays: 0, maxPerWindow: 1 } }, "grocery_kit.windowDays"],
    [{ grocery_kit: { windowDays: 3651, maxPerWindow: 1 } }, "grocery_kit.windowDays"],
    [{ grocery_kit: { windowDays: 30, maxPerWindow: 0 } }, "grocery_kit.maxPerWindow"],
    [{ grocery_kit: { windowDays: 30.5, maxPerWindow: 1 } }, "grocery_kit.windowDays"],
    [{ grocery_kit: { windowDays: 30 } }, "grocery_kit.maxPerWindow"],
    [{ haircut: { windowDays: 30, maxPerWindow: 1 } }, ""],
  ])("rejects %j at %j", (rules, path) => {
    const result = DedupRulesSchema.safeParse(rules);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});

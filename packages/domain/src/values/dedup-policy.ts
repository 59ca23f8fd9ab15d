import { z } from "zod";
import { SERVICES, type Service } from "./services.js";

/** A distribution is excess when more than `maxPerWindow` fall in the `windowDays` ending on it. */
export const DedupRuleSchema = z.strictObject({
  windowDays: z.int("must be a whole number of days").min(1).max(3650, "must be at most 3650 days (ten years)"),
  maxPerWindow: z.int("must be a whole number").min(1, "must be at least 1"),
});

export type DedupRule = z.infer<typeof DedupRuleSchema>;

/** `null` means the service has no rule: repeats are expected (a cooked meal every day). */
export type DedupPolicy = Readonly<Record<Service, DedupRule | null>>;

const ruleOrNone = DedupRuleSchema.nullable().optional();

/**
 * A change to the policy: each named service gets the rule given (or none, with `null`); services
 * left out keep the rule they had. Spelled out rather than a z.record so that an unknown key is
 * reported without its text ending up in an error path.
 */
export const DedupRulesSchema = z
  .strictObject({
    cooked_food: ruleOrNone,
    grocery_kit: ruleOrNone,
    direct_bank_transfer: ruleOrNone,
    cash_benefit: ruleOrNone,
    art_medicine: ruleOrNone,
    health_referral: ruleOrNone,
    gas_cylinder: ruleOrNone,
    masks_sanitizers: ruleOrNone,
  })
  .refine((rules) => Object.values(rules).some((rule) => rule !== undefined), "must name at least one service");

export type DedupRules = z.infer<typeof DedupRulesSchema>;

export const DEFAULT_DEDUP_POLICY: DedupPolicy = Object.freeze({
  cooked_food: null,
  grocery_kit: Object.freeze({ windowDays: 30, maxPerWindow: 1 }),
  cash_benefit: Object.freeze({ windowDays: 30, maxPerWindow: 1 }),
  direct_bank_transfer: Object.freeze({ windowDays: 30, maxPerWindow: 1 }),
  art_medicine: Object.freeze({ windowDays: 25, maxPerWindow: 1 }),
  health_referral: null,
  gas_cylinder: Object.freeze({ windowDays: 365, maxPerWindow: 1 }),
  masks_sanitizers: null,
});

/** The policy after a `DedupPolicySet`: a merge, so an event changes only what it names. */
export function applyDedupRules(policy: DedupPolicy, rules: DedupRules): DedupPolicy {
  const next = {} as Record<Service, DedupRule | null>;
  for (const service of SERVICES) {
    const change = rules[service];
    next[service] = change === undefined ? policy[service] : change;
  }
  return Object.freeze(next);
}

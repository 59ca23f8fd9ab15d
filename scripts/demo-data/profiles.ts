import { DEFAULT_DEDUP_POLICY, INDIAN_STATES, type Service, type StateCode } from "@relief-ledger/domain";
import type { Rng } from "./prng.js";

/** The founding coalition, which `scale` 1 reproduces. */
export const FULL_SCALE = { cbos: 107, members: 120_000, donors: 60 } as const;

/**
 * The rates the generator plants. Each is a probability per decision, and the description reports
 * the counts it produced, so a test can check the outcome against these within a tolerance.
 */
export const RATES = {
  /** Members served by two CBOs: their Aadhaar or phone appears in both CBOs' records. */
  dualMember: 0.03,
  /** Of a dual member's distributions, the share the second CBO hands out. */
  secondCboShare: 0.3,
  /** Per ruled distribution of a dual member: the other CBO gives the same service within the window. */
  crossCboDuplicate: 0.2,
  /** Per ruled distribution: the same CBO gives it again within the window, under fewer documents. */
  sameCboDuplicate: 0.002,
  /** Per distribution that is not part of a planted duplicate: it (or a double entry of it) is voided. */
  void: 0.012,
  /** Per CBO and month: that month's batches are uploaded one or two months late. */
  lateMonth: 0.1,
} as const;

export type Rates = typeof RATES;

export const VOID_KINDS = {
  entered_twice: { weight: 40, reason: "entered twice in the spreadsheet" },
  wrong_value: { weight: 35, reason: "wrong value entered; recorded again with the correct value" },
  not_delivered: { weight: 25, reason: "not handed over: the member could not be reached" },
} as const;

export type VoidKind = keyof typeof VOID_KINDS;

const rupees = (n: number) => n * 100;

export interface Drawn {
  quantity: number;
  valuePaise: number;
  /** A government scheme the CBO helped the member reach, or undefined for donor money. */
  scheme?: string;
}

export interface ServiceProfile {
  /** Share of members who receive the service at all. */
  participation: number;
  /** How many times a participating member receives it in the year, at most. */
  times: readonly [number, number];
  /**
   * Days from one regular distribution to the next, on top of the dedup window where the service
   * has one: spacing them a whole window apart is what keeps unplanned flags out.
   */
  gap: readonly [number, number];
  /** Of donor-paid distributions, the share naming one fund rather than `auto`. */
  namedFund: number;
  draw(rng: Rng, state: StateCode): Drawn;
}

/** One of `values`, drawn with the matching `weights`. */
const pickWeighted = <T>(rng: Rng, values: readonly T[], weights: readonly number[]): T =>
  values[rng.weighted(weights)]!;

/** A state's COVID cash-relief scheme for women in sex work, as CBOs name it in their sheets. */
export const stateCashScheme = (state: StateCode): string => `${INDIAN_STATES[state]} COVID cash relief`;

/** A service's numbers, and how one of its distributions' quantity and value are drawn. */
const profile = (shape: Omit<ServiceProfile, "draw">, draw: ServiceProfile["draw"]): ServiceProfile => ({
  ...shape,
  draw,
});

export const SERVICE_PROFILES: Record<Service, ServiceProfile> = {
  cooked_food: profile({ participation: 0.3, times: [1, 8], gap: [7, 30], namedFund: 0.4 }, (rng) => {
    const meals = pickWeighted(rng, [1, 2, 7, 14, 30], [3, 2, 3, 2, 1]);
    return { quantity: meals, valuePaise: meals * rupees(rng.between(45, 80)) };
  }),
  grocery_kit: profile({ participation: 0.85, times: [2, 6], gap: [0, 20], namedFund: 0.45 }, (rng) => {
    if (rng.chance(0.12)) return { quantity: 1, valuePaise: rupees(rng.between(10, 20) * 50), scheme: "PDS" };
    // Some kits are donated in kind and recorded without a value.
    return { quantity: 1, valuePaise: rng.chance(0.03) ? 0 : rupees(rng.between(10, 30) * 50) };
  }),
  direct_bank_transfer: profile({ participation: 0.4, times: [1, 3], gap: [0, 30], namedFund: 0.5 }, (rng) => ({
    quantity: 1,
    valuePaise: rupees(pickWeighted(rng, [500, 1000, 1500, 2000, 3000], [2, 3, 2, 2, 1])),
  })),
  cash_benefit: profile({ participation: 0.35, times: [1, 3], gap: [0, 30], namedFund: 0.4 }, (rng, state) => {
    if (rng.chance(0.35)) {
      const amount = pickWeighted(rng, [1000, 2000, 5000], [2, 2, 1]);
      return { quantity: 1, valuePaise: rupees(amount), scheme: stateCashScheme(state) };
    }
    return { quantity: 1, valuePaise: rupees(rng.between(5, 15) * 100) };
  }),
  art_medicine: profile({ participation: 0.1, times: [6, 12], gap: [3, 7], namedFund: 0.5 }, (rng) => {
    // The drugs are free from the national programme; a CBO records the refill it helped with
    // at no value, or the travel and nutrition support it paid for.
    if (rng.chance(0.3)) return { quantity: 1, valuePaise: 0, scheme: "NACO ART programme" };
    return { quantity: 1, valuePaise: rupees(rng.between(10, 40) * 10) };
  }),
  health_referral: profile({ participation: 0.2, times: [1, 2], gap: [15, 120], namedFund: 0.3 }, (rng) => ({
    quantity: 1,
    valuePaise: rng.chance(0.5) ? 0 : rupees(rng.between(2, 20) * 50),
  })),
  gas_cylinder: profile({ participation: 0.35, times: [1, 1], gap: [0, 0], namedFund: 0.4 }, (rng) => {
    const valuePaise = rupees(rng.between(58, 90) * 10);
    return rng.chance(0.55) ? { quantity: 1, valuePaise, scheme: "PMUY (Ujjwala)" } : { quantity: 1, valuePaise };
  }),
  masks_sanitizers: profile({ participation: 0.55, times: [1, 4], gap: [20, 90], namedFund: 0.3 }, (rng) => {
    const quantity = rng.between(1, 10);
    return { quantity, valuePaise: quantity * rupees(rng.between(3, 8) * 10) };
  }),
};

/** The default rule's window in days, or undefined when the service has no rule. */
export const windowOf = (service: Service): number | undefined => DEFAULT_DEDUP_POLICY[service]?.windowDays;

/** How much heavier each month is than the quietest: relief peaked in the first lockdown months. */
export const monthWeight = (month: number): number => 0.8 + 0.8 * Math.max(0, 1 - month / 3);

/** Services whose restricted funds CBOs commonly receive. */
export const RESTRICTIONS: readonly (readonly Service[])[] = [
  ["grocery_kit"],
  ["grocery_kit", "cooked_food"],
  ["art_medicine", "health_referral"],
  ["direct_bank_transfer", "cash_benefit"],
  ["masks_sanitizers", "health_referral"],
  ["gas_cylinder"],
  ["cash_benefit"],
];

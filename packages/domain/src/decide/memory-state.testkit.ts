import type { KnownDistribution, KnownFund, WriteState } from "./write-state.js";

/** A WriteState held in plain maps, for tests of the decisions. */
export function memoryState(seed: {
  cbos?: string[];
  donors?: string[];
  funds?: Record<string, KnownFund>;
  distributions?: Record<string, KnownDistribution>;
}): WriteState {
  return {
    hasCbo: (id) => (seed.cbos ?? []).includes(id),
    hasDonor: (id) => (seed.donors ?? []).includes(id),
    fund: (id) => seed.funds?.[id],
    distribution: (id) => seed.distributions?.[id],
  };
}

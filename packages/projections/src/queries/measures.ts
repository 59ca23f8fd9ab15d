/** The totals of a set of counted distributions; value = attributed + unfunded + scheme. */
export interface Measures {
  distributions: number;
  valuePaise: number;
  /** Distinct persons, as the current components count them. */
  persons: number;
  attributedPaise: number;
  unfundedPaise: number;
  schemePaise: number;
}

export interface FundsReceivedByMonth {
  month: string;
  funds: number;
  amountPaise: number;
}

export const MEASURES_SQL =
  "distributions, value_paise AS valuePaise, persons, attributed_paise AS attributedPaise, unfunded_paise AS unfundedPaise, scheme_paise AS schemePaise";

export const ZERO_MEASURES: Measures = {
  distributions: 0,
  valuePaise: 0,
  persons: 0,
  attributedPaise: 0,
  unfundedPaise: 0,
  schemePaise: 0,
};

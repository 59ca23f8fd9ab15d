import { assertInvariant } from "@relief-ledger/domain";

/** A fund as the walk sees it. The walk's list is ordered by (receivedOn, fundId): oldest first. */
export interface WalkFund {
  fundId: string;
  /** null: the fund may pay for any service. */
  restrictedTo: readonly string[] | null;
}

export interface WalkDistribution {
  service: string;
  valuePaise: number;
  fundingKind: string;
  fundId: string | null;
}

export interface Allocation {
  fundId: string;
  paise: number;
}

const allows = (fund: WalkFund, service: string): boolean =>
  fund.restrictedTo === null || fund.restrictedTo.includes(service);

/**
 * What one distribution takes from the funds' remaining balances, which it reduces. A named fund
 * pays up to its balance; `auto` takes from the allowed funds oldest first; a scheme takes nothing.
 * A named fund that is not the CBO's, or whose restriction excludes the service, pays nothing:
 * ingest refuses both, and should one slip through it stays unfunded rather than misattributed.
 * Only positive amounts are returned: a fund that paid nothing did not reach anyone.
 */
export function allocate(
  distribution: WalkDistribution,
  funds: readonly WalkFund[],
  balances: Map<string, number>,
): Allocation[] {
  const { service, fundingKind, fundId } = distribution;
  const payers =
    fundingKind === "auto" ? funds : fundingKind === "fund" ? funds.filter((fund) => fund.fundId === fundId) : [];
  const allocations: Allocation[] = [];
  let owed = distribution.valuePaise;
  for (const fund of payers) {
    if (owed === 0) break;
    if (!allows(fund, service)) continue;
    const balance = balances.get(fund.fundId) ?? 0;
    assertInvariant(balance >= 0, "a fund's balance in the attribution walk is never below zero", { balance });
    const paise = Math.min(owed, balance);
    if (paise === 0) continue;
    balances.set(fund.fundId, (balances.get(fund.fundId) ?? 0) - paise);
    allocations.push({ fundId: fund.fundId, paise });
    owed -= paise;
  }
  assertInvariant(owed >= 0, "a distribution's allocations add up to at most its value", {
    valuePaise: distribution.valuePaise,
    owed,
  });
  return allocations;
}

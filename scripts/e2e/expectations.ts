import type { DistributionInput } from "@relief-ledger/domain";
import { submissionsOf, type Coalition } from "../demo-data/index.js";

export interface ExpectedRecord {
  cboId: string;
  distribution: DistributionInput;
}

/** The distributions a coalition leaves after its voids, straight from the generator's own data. */
export function survivingDistributions(coalition: Coalition): ExpectedRecord[] {
  const records = new Map<string, ExpectedRecord>();
  const voided = new Set<string>();
  for (const batch of submissionsOf(coalition)) {
    for (const distribution of batch.submission.distributions)
      records.set(distribution.distributionId, { cboId: batch.plan.cboId, distribution });
    for (const v of batch.voids) voided.add(v.distributionId);
  }
  return [...records.values()].filter((r) => !voided.has(r.distribution.distributionId));
}

/** Distributions and value per CBO, service and month, as a "cbo|service|month" map. */
export function expectedCells(
  records: ExpectedRecord[],
): Map<string, { distributions: number; valuePaise: number; schemePaise: number }> {
  const cells = new Map<string, { distributions: number; valuePaise: number; schemePaise: number }>();
  for (const { cboId, distribution: d } of records) {
    const key = `${cboId}|${d.service}|${d.distributedOn.slice(0, 7)}`;
    const cell = cells.get(key) ?? { distributions: 0, valuePaise: 0, schemePaise: 0 };
    cell.distributions++;
    cell.valuePaise += d.valuePaise;
    if (d.funding.kind === "scheme") cell.schemePaise += d.valuePaise;
    cells.set(key, cell);
  }
  return cells;
}

/**
 * docs/rules.md's attribution walk, written again here from the rule's text and not from the
 * projection's code: per CBO, distributions by (distributedOn, distributionId), each fund at its
 * full amount; `fund` takes from its fund, `auto` from the CBO's allowed funds oldest first.
 */
export function expectedAttribution(coalition: Coalition, records: ExpectedRecord[]): Map<string, number> {
  const remaining = new Map(coalition.funds.map((f) => [f.fundId, f.amountPaise]));
  const attributed = new Map(coalition.funds.map((f) => [f.fundId, 0]));
  const take = (fundId: string, wanted: number) => {
    const paid = Math.min(wanted, remaining.get(fundId) ?? 0);
    remaining.set(fundId, (remaining.get(fundId) ?? 0) - paid);
    attributed.set(fundId, (attributed.get(fundId) ?? 0) + paid);
    return paid;
  };
  const sorted = [...records].sort((a, b) =>
    a.distribution.distributedOn === b.distribution.distributedOn
      ? a.distribution.distributionId.localeCompare(b.distribution.distributionId)
      : a.distribution.distributedOn.localeCompare(b.distribution.distributedOn),
  );
  for (const { cboId, distribution: d } of sorted) {
    const allowed = (f: Coalition["funds"][number]) =>
      f.cboId === cboId && (!f.restrictedTo || (f.restrictedTo as readonly string[]).includes(d.service));
    if (d.funding.kind === "fund") {
      const fund = coalition.funds.find((f) => f.fundId === (d.funding as { fundId: string }).fundId);
      if (fund && allowed(fund)) take(fund.fundId, d.valuePaise);
    } else if (d.funding.kind === "auto") {
      let left = d.valuePaise;
      const funds = coalition.funds
        .filter(allowed)
        .sort((a, b) =>
          a.receivedOn === b.receivedOn ? a.fundId.localeCompare(b.fundId) : a.receivedOn.localeCompare(b.receivedOn),
        );
      for (const fund of funds) if (left > 0) left -= take(fund.fundId, left);
    }
  }
  return attributed;
}

import {
  DEFAULT_DEDUP_POLICY,
  normalizeIdentifier,
  type DedupPolicy,
  type DistributionInput,
} from "@relief-ledger/domain";
import { dayOf } from "./calendar.js";

export interface SubmittedDistribution extends DistributionInput {
  cboId: string;
}

/** Union-find over document keys: two records sharing any document are one person. */
class People {
  private readonly parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(key, root);
    return root;
  }
  join(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

const keysOf = (d: SubmittedDistribution): string[] =>
  d.beneficiaryRefs.map(({ type, value }) => {
    const result = normalizeIdentifier(type, value);
    if (!result.ok) throw new Error(`invalid ${type} in ${d.distributionId}`);
    // A member code means something only within its CBO.
    return type === "member_id" ? `${type}:${d.cboId}:${result.normalized}` : `${type}:${result.normalized}`;
  });

/**
 * The distributions docs/rules.md's duplicate rule calls excess, worked out the slow, obvious way, to
 * check the generator's claim that it plants every excess distribution and no others.
 */
export function excessDistributions(
  distributions: readonly SubmittedDistribution[],
  voided: ReadonlySet<string>,
  policy: DedupPolicy = DEFAULT_DEDUP_POLICY,
): Set<string> {
  const live = distributions.filter((d) => !voided.has(d.distributionId));
  const people = new People();
  const keys = live.map(keysOf);
  for (const k of keys) for (const other of k.slice(1)) people.join(k[0]!, other);
  const groups = new Map<string, SubmittedDistribution[]>();
  live.forEach((d, i) => {
    if (!policy[d.service as keyof DedupPolicy]) return;
    const group = `${people.find(keys[i]![0]!)}|${d.service}`;
    groups.set(group, [...(groups.get(group) ?? []), d]);
  });
  const excess = new Set<string>();
  for (const group of groups.values()) {
    const rule = policy[group[0]!.service as keyof DedupPolicy]!;
    group.sort(
      (a, b) => a.distributedOn.localeCompare(b.distributedOn) || a.distributionId.localeCompare(b.distributionId),
    );
    group.forEach((d, i) => {
      const day = dayOf(d.distributedOn);
      const inWindow = group.slice(0, i + 1).filter((e) => dayOf(e.distributedOn) > day - rule.windowDays).length;
      if (inWindow > rule.maxPerWindow) excess.add(d.distributionId);
    });
  }
  return excess;
}

import {
  DEFAULT_DEDUP_POLICY,
  applyDedupRules,
  type DistributionRecorded,
  type FlagNoteAdded,
  type FundsReceived,
  type LedgerEvent,
} from "@relief-ledger/domain";

/**
 * The rules of docs/rules.md computed the slow, obvious way, from the whole event list in memory,
 * written apart from the projections so that the two can check each other.
 */
export function referenceModel(events: readonly LedgerEvent[]) {
  const records = new Map<string, DistributionRecorded>();
  const voided = new Set<string>();
  const funds: FundsReceived[] = [];
  const notes: FlagNoteAdded[] = [];
  let policy = DEFAULT_DEDUP_POLICY;
  for (const event of events) {
    if (event.type === "DistributionRecorded" && !records.has(event.data.distributionId)) {
      records.set(event.data.distributionId, event.data);
    } else if (event.type === "DistributionVoided") voided.add(event.data.distributionId);
    else if (event.type === "FundsReceived") funds.push(event.data);
    else if (event.type === "DedupPolicySet") policy = applyDedupRules(policy, event.data.rules);
    // Every note is kept, in log order, whether or not its flag exists.
    else if (event.type === "FlagNoteAdded") notes.push(event.data);
  }
  const counted = [...records.values()]
    .filter((d) => !voided.has(d.distributionId))
    .sort((a, b) => cmp(a.distributedOn, b.distributedOn) || cmp(a.distributionId, b.distributionId));

  // Persons: union-find over pseudonyms, each named by its smallest pseudonym.
  const parent = new Map<string, string>();
  const find = (p: string): string => {
    const up = parent.get(p) ?? p;
    return up === p ? p : find(up);
  };
  for (const d of counted) {
    const [first, ...rest] = d.beneficiaries.map((b) => find(b.pseudonym));
    for (const root of rest) if (root !== first) parent.set(root, first!);
  }
  const members = new Map<string, string[]>();
  for (const d of counted) {
    for (const { pseudonym } of d.beneficiaries)
      members.set(find(pseudonym), [...(members.get(find(pseudonym)) ?? []), pseudonym]);
  }
  const person = (d: DistributionRecorded) => members.get(find(d.beneficiaries[0]!.pseudonym))!.sort()[0]!;

  // Attribution: walk each CBO's distributions in date order over its funds, oldest first.
  const paid = new Map<string, Map<string, number>>();
  const balance = new Map(funds.map((f) => [f.fundId, f.amountPaise]));
  const ordered = funds.toSorted((a, b) => cmp(a.receivedOn, b.receivedOn) || cmp(a.fundId, b.fundId));
  for (const d of counted) {
    const allowed = ordered.filter(
      (f) => f.cboId === d.cboId && (!f.restrictedTo || f.restrictedTo.includes(d.service)),
    );
    const payers =
      d.funding.kind === "auto"
        ? allowed
        : d.funding.kind === "fund"
          ? allowed.filter((f) => f.fundId === (d.funding as { fundId: string }).fundId)
          : [];
    let owed = d.valuePaise;
    const taken = new Map<string, number>();
    for (const f of payers) {
      const take = Math.min(owed, balance.get(f.fundId)!);
      if (take === 0) continue;
      balance.set(f.fundId, balance.get(f.fundId)! - take);
      taken.set(f.fundId, take);
      owed -= take;
    }
    paid.set(d.distributionId, taken);
  }
  const attributed = (d: DistributionRecorded) => [...paid.get(d.distributionId)!.values()].reduce((a, b) => a + b, 0);

  const measure = (ds: DistributionRecorded[]) => {
    const value = sum(ds.map((d) => d.valuePaise));
    const scheme = sum(ds.filter((d) => d.funding.kind === "scheme").map((d) => d.valuePaise));
    const attributedPaise = sum(ds.map(attributed));
    return {
      distributions: ds.length,
      valuePaise: value,
      persons: new Set(ds.map(person)).size,
      attributedPaise,
      unfundedPaise: value - attributedPaise - scheme,
      schemePaise: scheme,
    };
  };
  const cells = (of: DistributionRecorded[]) =>
    groupBy(of, (d) => `${d.service} ${d.distributedOn.slice(0, 7)}`).map(([key, ds]) => {
      const [service, month] = key.split(" ");
      return { service: service!, month: month!, ...measure(ds) };
    });

  const fundReports = funds.map((f) => {
    const reached = counted.filter((d) => paid.get(d.distributionId)!.has(f.fundId));
    const spent = sum(reached.map((d) => paid.get(d.distributionId)!.get(f.fundId)!));
    return {
      fundId: f.fundId,
      attributedPaise: spent,
      remainingPaise: f.amountPaise - spent,
      persons: new Set(reached.map(person)).size,
    };
  });

  // Flags: per person and service, the distributions beyond maxPerWindow in the window ending on each.
  const flags = [];
  for (const [, ds] of groupBy(counted, (d) => `${person(d)} ${d.service}`)) {
    const rule = policy[ds[0]!.service];
    if (!rule) continue;
    for (const [i, d] of ds.entries()) {
      const window = ds.slice(0, i + 1).filter((e) => days(d.distributedOn) - days(e.distributedOn) < rule.windowDays);
      if (window.length <= rule.maxPerWindow) continue;
      const earlier = window.slice(0, -1);
      // The read model keeps the count and pages the ids from the window; here both are listed.
      flags.push({
        flagId: d.distributionId,
        personId: person(d),
        earlierCount: earlier.length,
        earlier: earlier.map((e) => e.distributionId),
        cboIds: [...new Set(window.map((e) => e.cboId))].sort(),
        distributedOn: d.distributedOn,
      });
    }
  }
  flags.sort((a, b) => cmp(a.distributedOn, b.distributedOn) || cmp(a.flagId, b.flagId));

  return {
    cboCells: (cboId: string) => cells(counted.filter((d) => d.cboId === cboId)),
    coalitionCells: cells(counted),
    coalitionPersons: new Set(counted.map(person)).size,
    funds: fundReports.sort((a, b) => cmp(a.fundId, b.fundId)),
    flags: flags.map(({ distributedOn: _, ...flag }) => flag),
    /** The notes on a flag, oldest first: every CBO's, or one CBO's. */
    notes: (flagId: string, cboId?: string) =>
      notes
        .filter((n) => n.flagId === flagId && (cboId === undefined || n.cboId === cboId))
        .map(({ cboId, note }) => ({ cboId, note })),
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const days = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

function groupBy<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => cmp(a, b));
}

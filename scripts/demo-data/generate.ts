import { SERVICES, type RecordFundsInput, type Service } from "@relief-ledger/domain";
import { dateOf, dayOf, periodEnding } from "./calendar.js";
import { monthKeys, scheduleContext } from "./context.js";
import { distributionIdOf } from "./distributions.js";
import { makeMembers } from "./members.js";
import { makeCbos, makeDonors, makeFundPlans, type FundPlan } from "./organisations.js";
import { RowCounts, planSubmissions } from "./plan.js";
import { Rng } from "./prng.js";
import { FULL_SCALE, RATES, VOID_KINDS } from "./profiles.js";
import { STREAM, scheduleOf, type Entry, type ScheduleTally } from "./schedule.js";
import type { CboSpec, Coalition, Expected, LateMonth, PlantedDuplicate, VoidSpec } from "./types.js";

export interface GenerateOptions {
  seed?: number;
  /** 1 is the founding coalition (107 CBOs, 1.2 lakh members, about ten lakh distributions). */
  scale?: number;
  /** No distribution is dated later; the period is the `months` calendar months ending here. */
  today?: string;
  months?: number;
}

/** The COVID response year, April 2020 to March 2021. */
export const DEFAULTS = { seed: 1, scale: 0.02, today: "2021-03-31", months: 12 } as const;

const EARLIEST = dayOf("2000-01-01");

/** CBOs shrink more slowly than members, so a small coalition still has neighbours to share members. */
export const cboCountFor = (scale: number): number =>
  Math.min(FULL_SCALE.cbos, Math.max(3, Math.round(FULL_SCALE.cbos * Math.sqrt(scale))));

export const memberCountFor = (scale: number): number => Math.max(50, Math.round(FULL_SCALE.members * scale));

function makeLateMonths(rng: Rng, cbos: readonly CboSpec[], keys: readonly string[], rate: number): LateMonth[] {
  const late: LateMonth[] = [];
  // A late batch is uploaded within the period, among the on-time batches of a later month, so the
  // last month cannot be late.
  const last = keys.length - 1;
  for (const { registration } of cbos) {
    for (let m = 0; m < last; m++) {
      if (!rng.chance(rate)) continue;
      const delayMonths = m + 2 <= last && rng.chance(0.3) ? 2 : 1;
      late.push({ cboId: registration.cboId, month: keys[m]!, delayMonths });
    }
  }
  // Even a tiny coalition shows one late batch, so the behaviour is always there to see.
  if (late.length === 0 && last > 0) late.push({ cboId: cbos[0]!.registration.cboId, month: keys[0]!, delayMonths: 1 });
  return late;
}

/** Money roughly matching what each CBO spends from donors: some CBOs end short, some with a balance. */
function fundAmounts(
  seed: number,
  cbos: readonly CboSpec[],
  plans: readonly FundPlan[],
  spend: number[],
): RecordFundsInput[] {
  const rng = Rng.from(seed, STREAM.fundAmounts);
  const byCbo = new Map(cbos.map((c, i) => [c.registration.cboId, i]));
  const weights = plans.map((p) => (0.5 + rng.float()) * (p.restrictedTo ? 0.6 : 1));
  const coverage = cbos.map(() => 0.75 + 0.35 * rng.float());
  const totalWeight = cbos.map(() => 0);
  plans.forEach((p, i) => (totalWeight[byCbo.get(p.cboId)!]! += weights[i]!));
  return plans.map((plan, i) => {
    const cbo = byCbo.get(plan.cboId)!;
    const share = (spend[cbo]! * coverage[cbo]! * weights[i]!) / totalWeight[cbo]!;
    const amountPaise = Math.max(10_000_00, Math.round(share / 1_000_00) * 1_000_00);
    const { fundId, donorId, cboId, receivedOn, restrictedTo, reference } = plan;
    return {
      fundId,
      donorId,
      cboId,
      amountPaise,
      receivedOn,
      ...(restrictedTo && { restrictedTo }),
      ...(reference !== undefined && { reference }),
    };
  });
}

/**
 * A coalition like the founding one, as plain data, decided entirely by the seed. Members'
 * distributions are scheduled here once to count and plan them; `submissionsOf` schedules them
 * again, CBO by CBO and month by month, to write them out without holding a year in memory.
 */
export function generateCoalition(options: GenerateOptions = {}): Coalition {
  const { seed, scale, today, months } = { ...DEFAULTS, ...options };
  if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError("scale must be a positive number");
  if (!(Number.isInteger(months) && months >= 1 && months <= 60)) throw new RangeError("months must be 1 to 60");
  const period = periodEnding(today, months);
  if (period.start < EARLIEST) throw new RangeError("the period must start on or after 2000-01-01");

  const organisations = Rng.from(seed, STREAM.organisations);
  const cbos = makeCbos(organisations, cboCountFor(scale));
  const donors = makeDonors(organisations, Math.min(1, Math.sqrt(scale)));
  const fundPlans = makeFundPlans(organisations, cbos, donors, period);
  const members = makeMembers(Rng.from(seed, STREAM.members), cbos, memberCountFor(scale), RATES);
  const lateMonths = makeLateMonths(Rng.from(seed, STREAM.lateness), cbos, monthKeys(period), RATES.lateMonth);
  const ctx = scheduleContext({ seed, today, months, rates: RATES, cbos, funds: fundPlans, lateMonths });

  const counts = new RowCounts();
  const tally: ScheduleTally = { ruledEntries: 0, ruledEntriesOfDualMembers: 0, voidCandidates: 0 };
  const planted: PlantedDuplicate[] = [];
  const voids: VoidSpec[] = [];
  const spend = cbos.map(() => 0);
  const byService = Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<Service, number>;
  const expected: Expected = {
    cbos: cbos.length,
    donors: donors.length,
    funds: fundPlans.length,
    members: members.length,
    dualMembers: members.filter((m) => m.records.length > 1).length,
    submissions: 0,
    lateSubmissions: 0,
    distributions: 0,
    voids: 0,
    plantedDuplicates: { cross_cbo: 0, same_cbo: 0 },
    doubleEntries: 0,
    replacements: 0,
    byService,
    valuePaise: 0,
    schemeValuePaise: 0,
    fundsPaise: 0,
  };
  const cboIdOf = (entry: Entry) => cbos[entry.cbo]!.registration.cboId;

  members.forEach((member, m) => {
    const entries = scheduleOf(ctx, member, m, tally);
    for (const entry of entries) {
      counts.add(entry.cbo, entry.round, entry.group);
      expected.distributions++;
      byService[entry.service]++;
      if (entry.role === "double_entry") expected.doubleEntries++;
      if (entry.role === "replacement") expected.replacements++;
      if (entry.role === "cross_cbo" || entry.role === "same_cbo") {
        const original = entries[entry.original!]!;
        expected.plantedDuplicates[entry.role]++;
        planted.push({
          distributionId: distributionIdOf(seed, m, entry),
          originalId: distributionIdOf(seed, m, original),
          kind: entry.role,
          service: entry.service,
          cboId: cboIdOf(entry),
          originalCboId: cboIdOf(original),
          distributedOn: dateOf(entry.day),
          originalDistributedOn: dateOf(original.day),
        });
      }
      if (entry.voidKind) {
        expected.voids++;
        voids.push({
          distributionId: distributionIdOf(seed, m, entry),
          cboId: cboIdOf(entry),
          kind: entry.voidKind,
          reason: VOID_KINDS[entry.voidKind].reason,
        });
        continue;
      }
      expected.valuePaise += entry.valuePaise;
      if (entry.funding.kind === "scheme") expected.schemeValuePaise += entry.valuePaise;
      else spend[entry.cbo]! += entry.valuePaise;
    }
  });

  const funds = fundAmounts(seed, cbos, fundPlans, spend);
  const submissions = planSubmissions(seed, cbos, counts, period);
  expected.fundsPaise = funds.reduce((sum, f) => sum + f.amountPaise, 0);
  expected.submissions = submissions.length;
  expected.lateSubmissions = submissions.filter((s) => s.group === "late").length;

  return {
    seed,
    scale,
    today,
    months,
    period: { from: dateOf(period.start), to: today },
    rates: RATES,
    cbos,
    donors,
    funds,
    members,
    lateMonths,
    submissions,
    plantedDuplicates: planted,
    voids,
    expected,
    stats: { ...tally, cboMonths: cbos.length * (months - 1) },
  };
}

import { SERVICES, type Funding, type IdentifierType, type Service, type StateCode } from "@relief-ledger/domain";
import { monthIndex, type Period } from "./calendar.js";
import { Rng } from "./prng.js";
import { SERVICE_PROFILES, VOID_KINDS, windowOf, type Rates, type VoidKind } from "./profiles.js";
import type { MemberSpec, SubmissionGroup } from "./types.js";

/** Labels of the PRNG streams, so no two kinds of decision ever draw from the same stream. */
export const STREAM = {
  organisations: 1,
  members: 2,
  schedule: 3,
  distribution: 4,
  submission: 5,
  roundOrder: 6,
  lateness: 7,
  fundAmounts: 8,
} as const;

export type EntryRole = "regular" | "cross_cbo" | "same_cbo" | "double_entry" | "replacement";

/** One distribution in a member's year, before it is written out with ids and documents. */
export interface Entry {
  /** Its place in the member's schedule: with the member's index, it names the distribution. */
  serial: number;
  /** Which of the member's records (CBOs) hands it out. */
  slot: number;
  cbo: number;
  service: Service;
  day: number;
  quantity: number;
  valuePaise: number;
  funding: Funding;
  role: EntryRole;
  /** The entry this one repeats, replaces or duplicates. */
  original?: number;
  /** Fewer documents than the CBO's record: a duplicate recorded from memory or a phone call. */
  documents?: IdentifierType[];
  voidKind?: VoidKind;
  round: number;
  group: SubmissionGroup;
}

/** What scheduling needs besides the member: fixed for a coalition. */
export interface ScheduleContext {
  seed: number;
  period: Period;
  rates: Rates;
  cboIndex: ReadonlyMap<string, number>;
  states: readonly StateCode[];
  /** Per CBO index and service, the ids of the CBO's funds that may pay for it. */
  fundsFor: readonly Readonly<Record<Service, readonly string[]>>[];
  /** Per month of the period, how busy it was. */
  monthWeights: readonly number[];
  /** Months of delay of CBO c's batches for month m, at c * months + m. */
  delays: Uint8Array;
}

/** Per service, what the eager pass tallies to report the rates' denominators. */
export interface ScheduleTally {
  ruledEntries: number;
  ruledEntriesOfDualMembers: number;
  voidCandidates: number;
}

function firstDay(rng: Rng, period: Period, weights: readonly number[]): number {
  const starts = period.monthStarts;
  const month = rng.weighted(weights);
  const from = starts[month]!;
  const to = Math.min(period.end, (starts[month + 1] ?? period.end + 1) - 1);
  return from + rng.int(to - from + 1);
}

function fundingFor(rng: Rng, ctx: ScheduleContext, cbo: number, service: Service, scheme?: string): Funding {
  if (scheme !== undefined) return { kind: "scheme", scheme };
  if (rng.chance(SERVICE_PROFILES[service].namedFund)) {
    const allowed = ctx.fundsFor[cbo]![service];
    if (allowed.length > 0) return { kind: "fund", fundId: rng.pick(allowed) };
  }
  return { kind: "auto" };
}

/** A duplicate's furthest distance from its original: within the window, and as people behave. */
const furthest = (service: Service, window: number) => (service === "gas_cylinder" ? 120 : window - 1);

/**
 * A member's year of distributions: a pure function of the coalition and the member's index, so
 * the generator can rebuild any CBO's month without holding the year in memory.
 *
 * Under the default dedup policy (at most one per window for every ruled service) no regular
 * distribution is excess: each follows the previous one of its service a whole window or more
 * later, across both CBOs. The planted duplicates are the only excess ones, and every voided
 * distribution is one whose removal leaves that true.
 */
export function scheduleOf(
  ctx: ScheduleContext,
  member: MemberSpec,
  memberIndex: number,
  tally?: ScheduleTally,
): Entry[] {
  const { period, rates } = ctx;
  const months = period.monthStarts.length;
  const rng = Rng.from(ctx.seed, STREAM.schedule, memberIndex);
  const cbos = member.records.map((r) => ctx.cboIndex.get(r.cboId)!);
  const dual = cbos.length > 1;
  const entries: Entry[] = [];

  const add = (slot: number, service: Service, day: number, role: EntryRole, original?: Entry): Entry => {
    const cbo = cbos[slot]!;
    const drawn = SERVICE_PROFILES[service].draw(rng, ctx.states[cbo]!);
    const funding = fundingFor(rng, ctx, cbo, service, drawn.scheme);
    const month = monthIndex(period, day);
    const delay = ctx.delays[cbo * months + month]!;
    const entry: Entry = {
      serial: entries.length,
      slot,
      cbo,
      service,
      day,
      quantity: drawn.quantity,
      valuePaise: drawn.valuePaise,
      funding,
      role,
      round: month + delay,
      group: delay > 0 ? "late" : "on_time",
    };
    if (original) entry.original = original.serial;
    entries.push(entry);
    return entry;
  };

  const maybeVoid = (entry: Entry) => {
    if (tally) tally.voidCandidates++;
    if (!rng.chance(rates.void)) return;
    const kinds = Object.keys(VOID_KINDS) as VoidKind[];
    const kind = kinds[rng.weighted(kinds.map((k) => VOID_KINDS[k].weight))]!;
    if (kind === "entered_twice") {
      const copy = { ...entry, serial: entries.length, role: "double_entry" as const, original: entry.serial };
      copy.voidKind = kind;
      entries.push(copy);
    } else if (kind === "wrong_value") {
      // The corrected record follows in the CBO's next upload, dated as the original was.
      const value = SERVICE_PROFILES[entry.service].draw(rng, ctx.states[entry.cbo]!).valuePaise;
      entries.push({
        ...entry,
        serial: entries.length,
        role: "replacement",
        original: entry.serial,
        valuePaise: value === entry.valuePaise ? value + 10_000 : value,
        round: entry.round + 1,
        group: "correction",
      });
      entry.voidKind = kind;
    } else {
      entry.voidKind = kind;
    }
  };

  for (const service of SERVICES) {
    const profile = SERVICE_PROFILES[service];
    // A bank transfer needs an account, and an account needs KYC, usually Aadhaar.
    const participation =
      service === "direct_bank_transfer" ? (member.documents.aadhaar ? 0.55 : 0.25) : profile.participation;
    if (!rng.chance(participation)) continue;
    const times = rng.between(profile.times[0], profile.times[1]);
    const window = windowOf(service);
    let day = firstDay(rng, period, ctx.monthWeights);
    for (let i = 0; i < times && day <= period.end; i++) {
      const slot = dual && rng.chance(rates.secondCboShare) ? 1 : 0;
      const regular = add(slot, service, day, "regular");
      let last = day;
      if (window === undefined) {
        maybeVoid(regular);
      } else {
        if (tally) {
          tally.ruledEntries++;
          if (dual) tally.ruledEntriesOfDualMembers++;
        }
        const room = Math.min(furthest(service, window), period.end - day);
        if (room >= 1 && dual && rng.chance(rates.crossCboDuplicate)) {
          last = day + rng.between(1, room);
          add(1 - slot, service, last, "cross_cbo", regular);
        } else if (room >= 1 && rng.chance(rates.sameCboDuplicate)) {
          last = day + rng.between(1, room);
          const documents = member.records[slot]!.documents;
          const dup = add(slot, service, last, "same_cbo", regular);
          if (documents.length > 1) dup.documents = [rng.pick(documents)];
        } else {
          maybeVoid(regular);
        }
      }
      day = last + (window ?? 0) + rng.between(profile.gap[0], profile.gap[1]);
    }
  }
  return entries;
}

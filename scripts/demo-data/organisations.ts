import { DONOR_KINDS, type DonorKind, type RegisterDonorInput, type Service } from "@relief-ledger/domain";
import { dateOf, msOf, type Period } from "./calendar.js";
import { COALITION_STATES, cbosPerState } from "./geography.js";
import { CBO_FIRST_WORDS, CBO_SECOND_WORDS, DONOR_NAME_PATTERNS, PLACE_WORDS, SURNAMES } from "./names.js";
import type { Rng } from "./prng.js";
import { RESTRICTIONS } from "./profiles.js";
import type { CboSpec } from "./types.js";

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** A slug not yet in `taken`, numbered when the natural one is. */
function uniqueSlug(text: string, taken: Set<string>): string {
  const base = slugify(text);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

const initialsOf = (words: string): string =>
  words
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .toUpperCase()
    .slice(0, 3)
    .padEnd(3, "X");

export function makeCbos(rng: Rng, total: number): CboSpec[] {
  const perState = cbosPerState(total);
  const taken = new Set<string>();
  const names = new Set<string>();
  const cbos: CboSpec[] = [];
  COALITION_STATES.forEach(({ state, districts }, s) => {
    for (let i = 0; i < perState[s]!; i++) {
      // The first CBOs of a state take its main districts; later ones share them, as in cities.
      const district = i < districts.length ? districts[i]! : rng.pick(districts);
      let name = "";
      for (let attempt = 0; attempt < 20 && (name === "" || names.has(name)); attempt++) {
        name = `${rng.pick(CBO_FIRST_WORDS)} ${rng.pick(CBO_SECOND_WORDS)} ${district}`;
      }
      names.add(name);
      const cboId = uniqueSlug(name, taken);
      const batchSize = [100, 250, 500, 1000][rng.weighted([2, 3, 3, 2])]!;
      cbos.push({ registration: { cboId, name, state, district }, batchSize, memberCodePrefix: initialsOf(name) });
    }
  });
  return cbos;
}

/** Donors at full scale, by kind: many small individual donors, a few large institutions. */
const DONORS_BY_KIND: Record<DonorKind, number> = {
  individual: 18,
  ngo: 8,
  trust: 8,
  foundation: 8,
  religious: 5,
  corporate: 7,
  government: 4,
  other: 2,
};

/** How likely a CBO is to take a fund from one donor of each kind: institutions fund many CBOs. */
export const DONOR_REACH: Record<DonorKind, number> = {
  individual: 1,
  ngo: 3,
  trust: 3,
  foundation: 5,
  religious: 2,
  corporate: 4,
  government: 5,
  other: 1,
};

function donorName(rng: Rng, kind: DonorKind): string {
  const pattern = rng.pick(DONOR_NAME_PATTERNS[kind]);
  return pattern
    .replace("{place}", rng.pick(PLACE_WORDS))
    .replace("{surname}", rng.pick(SURNAMES))
    .replaceAll("{initial}", () => "ABCDGHJKLMNPRSTV"[rng.int(16)]!);
}

/** Every kind of donor, at least one each, `fraction` of the founding number otherwise. */
export function makeDonors(rng: Rng, fraction: number): RegisterDonorInput[] {
  const taken = new Set<string>();
  const donors: RegisterDonorInput[] = [];
  for (const kind of DONOR_KINDS) {
    const count = Math.max(1, Math.round(DONORS_BY_KIND[kind] * fraction));
    for (let i = 0; i < count; i++) {
      let name = donorName(rng, kind);
      for (let attempt = 0; attempt < 20 && donors.some((d) => d.name === name); attempt++) name = donorName(rng, kind);
      donors.push({ donorId: uniqueSlug(name, taken), name, kind });
    }
  }
  return donors;
}

/** A fund before its amount is known: amounts follow what the CBO turns out to spend. */
export interface FundPlan {
  fundId: string;
  donorId: string;
  cboId: string;
  receivedOn: string;
  restrictedTo?: Service[];
  reference?: string;
}

function reference(rng: Rng, receivedOn: string): string | undefined {
  switch (rng.int(4)) {
    case 0:
      return `Grant letter ${receivedOn.slice(0, 4)}/${rng.between(1, 250)}`;
    case 1:
      return `Cheque ${rng.digits(6)}`;
    case 2:
      return `Bank transfer of ${receivedOn}`;
    default:
      return undefined;
  }
}

export function makeFundPlans(
  rng: Rng,
  cbos: readonly CboSpec[],
  donors: readonly RegisterDonorInput[],
  period: Period,
): FundPlan[] {
  const reach = donors.map((d) => DONOR_REACH[d.kind]);
  const plans: FundPlan[] = [];
  for (const { registration } of cbos) {
    const count = rng.between(2, 5);
    for (let i = 0; i < count; i++) {
      const donor = donors[rng.weighted(reach)]!;
      // Money arrives from just before the period to its eighth month.
      const day = Math.min(period.end, period.start - 20 + rng.int(260));
      const receivedOn = dateOf(day);
      // Most CBOs hold at least one fund they may spend on anything.
      const restricted = i === 0 ? rng.chance(0.1) : rng.chance(0.45);
      const fundId = rng.uuidV7(msOf(day) + rng.int(86_400_000));
      const plan: FundPlan = { fundId, donorId: donor.donorId, cboId: registration.cboId, receivedOn };
      if (restricted) plan.restrictedTo = [...rng.pick(RESTRICTIONS)];
      const ref = reference(rng, receivedOn);
      if (ref !== undefined) plan.reference = ref;
      plans.push(plan);
    }
  }
  return plans;
}

import type { LedgerEvent, Service } from "@relief-ledger/domain";
import { byFund, byScheme, cbo, distribution, donor, fund, policy, resolution, voidOf } from "./events.testkit.js";

const CBOS = ["sangama-blr", "vamp-sangli", "ashodaya-mysore"] as const;
const SERVICES: Service[] = ["grocery_kit", "art_medicine", "cash_benefit", "cooked_food", "gas_cylinder"];

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const date = (day: number) => new Date(Date.UTC(2020, 3, 1 + day)).toISOString().slice(0, 10);

/**
 * A ledger of `submissions` batches of 20 distributions, as appends: funds arriving over time,
 * late batches, shared phones that merge people, voids, policy changes and resolutions.
 */
export function bulkLedger(submissions: number, seed = 7): LedgerEvent[][] {
  const pick = random(seed);
  const units: LedgerEvent[][] = [CBOS.map((id) => cbo(id)), [donor("azim-trust")], [donor("hindu-trust")]];
  let id = 0;
  for (let s = 0; s < submissions; s++) {
    if (s % 10 === 0) {
      const spec = { fund: 100_000 + s, cboId: CBOS[pick(3)]!, amountPaise: (1 + pick(50)) * 100_000 };
      units.push([
        fund({ ...spec, receivedOn: date(pick(200)), ...(pick(3) === 0 ? { restrictedTo: ["art_medicine"] } : {}) }),
      ]);
    }
    const cboId = CBOS[pick(3)]!;
    const records = Array.from({ length: 20 }, () => {
      id += 1;
      // Some records add a phone that four members share, so people merge (and split on voids)
      // without the whole ledger collapsing into one giant person.
      const member = pick(600);
      const people = pick(4) === 0 ? [member, 1_000 + Math.floor(member / 4)] : [member];
      const kind = pick(6);
      const funding =
        kind === 0 ? byScheme() : kind === 1 ? byFund(100_000 + 10 * pick(Math.ceil((s + 1) / 10))) : undefined;
      const spec = { id, cboId, on: date(pick(240)), people, service: SERVICES[pick(5)]! };
      return distribution({
        ...spec,
        valuePaise: (1 + pick(30)) * 10_000,
        submission: 1_000_000 + s,
        ...(funding ? { funding } : {}),
      });
    });
    units.push(records);
    if (pick(3) === 0) units.push([voidOf(id - pick(20), cboId)]);
    if (s % 40 === 20) units.push([policy({ grocery_kit: { windowDays: 20 + pick(20), maxPerWindow: 1 + pick(2) } })]);
    if (s % 15 === 5) units.push([resolution(id - pick(20), pick(2) === 0 ? "confirmed" : "dismissed")]);
  }
  return units;
}

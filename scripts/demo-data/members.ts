import type { IdentifierType, StateCode } from "@relief-ledger/domain";
import { newDocument, type DocumentType } from "./identities.js";
import type { Rng } from "./prng.js";
import type { Rates } from "./profiles.js";
import type { CboSpec, MemberRecord, MemberSpec } from "./types.js";

/** Which documents a CBO records for a member, and how often: many members have only a phone. */
export const DOCUMENT_MIXES: readonly { documents: readonly IdentifierType[]; weight: number }[] = [
  { documents: ["aadhaar", "phone"], weight: 18 },
  { documents: ["aadhaar", "phone", "member_id"], weight: 12 },
  { documents: ["phone"], weight: 15 },
  { documents: ["phone", "member_id"], weight: 7 },
  { documents: ["aadhaar"], weight: 5 },
  { documents: ["aadhaar", "member_id"], weight: 3 },
  { documents: ["member_id"], weight: 15 },
  { documents: ["voter_id", "phone"], weight: 6 },
  { documents: ["voter_id"], weight: 4 },
  { documents: ["ration_card", "member_id"], weight: 6 },
  { documents: ["ration_card", "phone"], weight: 5 },
  { documents: ["ration_card"], weight: 4 },
];

const linking = (documents: readonly IdentifierType[]) =>
  documents.filter((type) => type === "aadhaar" || type === "phone");

// Only a member with an Aadhaar or a phone can be recognised at a second CBO: a member code is
// unique only within its own CBO.
const LINKABLE_MIXES = DOCUMENT_MIXES.filter((mix) => linking(mix.documents).length > 0);

/** Hands out every document value once, so two members never share a pseudonym by accident. */
class DocumentBook {
  private readonly seen = new Set<string>();
  issue(rng: Rng, type: DocumentType, state: StateCode): string {
    for (;;) {
      const value = newDocument(rng, type, state);
      const key = `${type}:${value}`;
      if (!this.seen.has(key)) {
        this.seen.add(key);
        return value;
      }
    }
  }
}

/** The second CBO: a neighbour in the same state where there is one, as members move between towns. */
function secondCbo(rng: Rng, cbos: readonly CboSpec[], home: number): number {
  const state = cbos[home]!.registration.state;
  const neighbours = cbos.map((c, i) => i).filter((i) => i !== home && cbos[i]!.registration.state === state);
  if (neighbours.length > 0) return rng.pick(neighbours);
  const others = cbos.map((_, i) => i).filter((i) => i !== home);
  return rng.pick(others);
}

/** The documents the second CBO records: at least one the home CBO records too, and its own code. */
function secondDocuments(rng: Rng, home: readonly IdentifierType[]): IdentifierType[] {
  const shared = linking(home);
  const options: IdentifierType[][] = [[...shared], ["phone"], ["aadhaar"]];
  const chosen = shared.length === 2 ? options[rng.weighted([30, 35, 35])]! : shared;
  return rng.chance(0.4) ? [...chosen, "member_id"] : [...chosen];
}

/**
 * Members, spread over the CBOs unevenly (CBOs differ a lot in size). Generated in one sequence,
 * so uniqueness of documents is decided in a fixed order.
 */
export function makeMembers(rng: Rng, cbos: readonly CboSpec[], count: number, rates: Rates): MemberSpec[] {
  const sizes = cbos.map(() => 0.3 + rng.float() * 2.2);
  const codes = cbos.map(() => 0);
  const nextCode = (cbo: number) => {
    const spec = cbos[cbo]!;
    return `${spec.memberCodePrefix}-${String(++codes[cbo]!).padStart(5, "0")}`;
  };
  const book = new DocumentBook();
  const members: MemberSpec[] = [];
  for (let m = 0; m < count; m++) {
    const home = rng.weighted(sizes);
    const state = cbos[home]!.registration.state;
    const dual = cbos.length > 1 && rng.chance(rates.dualMember);
    const mixes = dual ? LINKABLE_MIXES : DOCUMENT_MIXES;
    const homeDocuments = [...mixes[rng.weighted(mixes.map((mix) => mix.weight))]!.documents];
    const documents: MemberSpec["documents"] = {};
    for (const type of homeDocuments) if (type !== "member_id") documents[type] = book.issue(rng, type, state);
    const record = (cbo: number, types: IdentifierType[]): MemberRecord => {
      const r: MemberRecord = { cboId: cbos[cbo]!.registration.cboId, documents: types };
      if (types.includes("member_id")) r.memberCode = nextCode(cbo);
      return r;
    };
    const records = [record(home, homeDocuments)];
    if (dual) records.push(record(secondCbo(rng, cbos, home), secondDocuments(rng, homeDocuments)));
    members.push({ documents, records });
  }
  return members;
}

import type { DistributionInput } from "@relief-ledger/domain";
import { dateOf, msOf } from "./calendar.js";
import { formatDocument } from "./identities.js";
import { Rng } from "./prng.js";
import { STREAM, type Entry } from "./schedule.js";
import type { MemberSpec } from "./types.js";

const DAY_MS = 86_400_000;

// A distribution's id and how its documents are written come from its own stream, named by the
// member and the entry's serial, so rebuilding one distribution never depends on any other.
const streamOf = (seed: number, memberIndex: number, entry: Entry): Rng =>
  Rng.from(seed, STREAM.distribution, memberIndex, entry.serial);

const idFrom = (rng: Rng, entry: Entry): string => rng.uuidV7(msOf(entry.day) + rng.int(DAY_MS));

export const distributionIdOf = (seed: number, memberIndex: number, entry: Entry): string =>
  idFrom(streamOf(seed, memberIndex, entry), entry);

/** The distribution as a CBO submits it: documents written as its staff happen to write them. */
export function toDistribution(
  seed: number,
  districts: readonly string[],
  member: MemberSpec,
  memberIndex: number,
  entry: Entry,
): DistributionInput {
  const rng = streamOf(seed, memberIndex, entry);
  const distributionId = idFrom(rng, entry);
  const record = member.records[entry.slot]!;
  const beneficiaryRefs = (entry.documents ?? record.documents).map((type) => ({
    type,
    value: formatDocument(rng, type, type === "member_id" ? record.memberCode! : member.documents[type]!),
  }));
  const distribution: DistributionInput = {
    distributionId,
    service: entry.service,
    beneficiaryRefs,
    quantity: entry.quantity,
    valuePaise: entry.valuePaise,
    funding: entry.funding,
    distributedOn: dateOf(entry.day),
  };
  // Many spreadsheets leave the district column empty.
  if (rng.chance(0.7)) distribution.district = districts[entry.cbo]!;
  return distribution;
}

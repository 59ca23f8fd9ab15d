import type { CboRegistered, DonorRegistered } from "../events/registrations.js";
import type { DedupPolicySet, DuplicateFlagResolved } from "../events/dedup.js";
import type { DistributionRecorded } from "../events/distributions.js";
import type { FundsReceived } from "../events/funds.js";
import type { Principal } from "../events/metadata.js";

/**
 * Every write the ledger accepts, as the domain sees it: parsed, validated, and (for a submission)
 * already pseudonymised. `decide` turns one into the events to append, or a refusal.
 */
export type LedgerCommand =
  | { type: "RegisterCbo"; data: CboRegistered }
  | { type: "RegisterDonor"; data: DonorRegistered }
  | { type: "RecordFunds"; data: FundsReceived }
  | { type: "RecordSubmission"; data: { records: DistributionRecorded[] } }
  | { type: "VoidDistribution"; data: { distributionId: string; reason: string; principal: Principal } }
  | { type: "SetDedupPolicy"; data: DedupPolicySet }
  | { type: "ResolveFlag"; data: DuplicateFlagResolved }
  | { type: "AddFlagNote"; data: { flagId: string; noteId: string; note: string; principal: Principal } };

export type CommandType = LedgerCommand["type"];
/** What a command of this type carries. */
export type CommandData<Type extends CommandType> = Extract<LedgerCommand, { type: Type }>["data"];

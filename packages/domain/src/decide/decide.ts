import type { FieldError } from "../api/field-errors.js";
import type { LedgerEvent } from "../events/catalogue.js";
import type { DuplicateFlagResolved } from "../events/dedup.js";
import type { FundsReceived } from "../events/funds.js";
import { enteredDateProblem } from "../values/calendar-date.js";
import type { CommandData, LedgerCommand } from "./commands.js";
import { accept, refuse, refuseMissing, refusal, type Decision, type Refusal } from "./decision.js";
import { decideSubmission } from "./submission.js";
import { NO_FLAGS, type FlagLookup, type WriteState } from "./write-state.js";

/**
 * The write side's decider: a command and the ledger so far give the events to append, typed, or
 * a refusal with the ledger's reason. Pure: `state` is a read-only view the caller keeps current,
 * `today` is the date where the CBOs are (YYYY-MM-DD), `flags` the read side's flags.
 */
export function decide(
  command: LedgerCommand,
  state: WriteState,
  today: string,
  flags: FlagLookup = NO_FLAGS,
): Decision<LedgerEvent[]> {
  switch (command.type) {
    case "RegisterCbo":
      return accept([{ type: "CboRegistered", data: command.data }]);
    case "RegisterDonor":
      return accept([{ type: "DonorRegistered", data: command.data }]);
    case "RecordFunds":
      return decideFunds(command.data, state, today);
    case "RecordSubmission":
      return decideSubmission(command.data.records, state, today);
    case "VoidDistribution":
      return decideVoid(command.data, state);
    case "SetDedupPolicy":
      return accept([{ type: "DedupPolicySet", data: command.data }]);
    case "ResolveFlag":
      return decideFlagResolution(command.data, state);
    case "AddFlagNote":
      return decideFlagNote(command.data, flags);
  }
}

/**
 * Funds must come from a registered donor to a registered CBO, received on a date the ledger
 * accepts (the rule `distributedOn` follows: not in the future, not before 2000-01-01).
 */
function decideFunds(funds: FundsReceived, state: WriteState, today: string): Decision<LedgerEvent[]> {
  const details: FieldError[] = [];
  if (!state.hasDonor(funds.donorId)) details.push({ path: "donorId", message: "is not a registered donor" });
  if (!state.hasCbo(funds.cboId)) details.push({ path: "cboId", message: "is not a registered CBO" });
  const date = enteredDateProblem(funds.receivedOn, today);
  if (date) details.push({ path: "receivedOn", message: date });
  return details.length > 0
    ? refuse("breaks_rules", "the fund breaks the ledger's rules; nothing was recorded", details)
    : accept([{ type: "FundsReceived", data: funds }]);
}

/** A CBO voids only its own distributions, and each at most once. */
function decideVoid(voiding: CommandData<"VoidDistribution">, state: WriteState): Decision<LedgerEvent[]> {
  const { distributionId, reason, principal } = voiding;
  const known = state.distribution(distributionId);
  if (!known) return refuseMissing("distributionId", "is not a recorded distribution", "no distribution has this id");
  if (principal.role === "cbo" && principal.cboId !== known.cboId)
    return refuse("not_permitted", "a CBO key may void only its own CBO's distributions");
  if (known.voided) return refuse(ALREADY_VOIDED.reason, ALREADY_VOIDED.message, ALREADY_VOIDED.details);
  return accept([{ type: "DistributionVoided", data: { distributionId, cboId: known.cboId, reason } }]);
}

/** A flag's id is the id of the excess distribution it is about. */
function decideFlagResolution(resolution: DuplicateFlagResolved, state: WriteState): Decision<LedgerEvent[]> {
  return state.distribution(resolution.flagId)
    ? accept([{ type: "DuplicateFlagResolved", data: resolution }])
    : refuseMissing("flagId", "is not a recorded distribution", "no distribution has this id, so no flag can");
}

/**
 * A CBO notes only a flag that involves it: one whose window holds a distribution of its own. A
 * flag the read side does not show (none, voided away, or not projected yet) takes no note.
 */
function decideFlagNote(noting: CommandData<"AddFlagNote">, flags: FlagLookup): Decision<LedgerEvent[]> {
  const { flagId, noteId, note, principal } = noting;
  const flag = flags.flag(flagId);
  if (!flag) return refuseMissing("flagId", "is not a flag the ledger shows", "no open or resolved flag has this id");
  if (principal.role !== "cbo" || !flag.cboIds.includes(principal.cboId))
    return refuse("not_permitted", "a CBO key may add a note only to a flag that involves its CBO");
  return accept([{ type: "FlagNoteAdded", data: { flagId, cboId: principal.cboId, note, noteId } }]);
}

const ALREADY_VOIDED = refusal("already_voided", "the distribution is already voided", [
  { path: "distributionId", message: "is already voided" },
]);

const recordedElsewhere = (message: string, path: string, detail: string): WriteRule => ({
  kind: "once",
  conflict: refusal("already_recorded", message, [{ path, message: detail }]),
});

/**
 * How a command's events are appended. `once`: to a stream that must not exist yet (see
 * streams.ts); the same content again is a retry, other content is `conflict`, which the store
 * enforces even when two writes race. `append`: to a stream whose every write is a command in its
 * own right (the policy, a flag's resolutions).
 */
export type WriteRule = { kind: "once"; conflict: Refusal } | { kind: "append" };

export function writeRule(command: LedgerCommand): WriteRule {
  switch (command.type) {
    case "RegisterCbo":
      return recordedElsewhere(
        "the CBO is already registered with other details",
        "cboId",
        "is registered with other details",
      );
    case "RegisterDonor":
      return recordedElsewhere(
        "the donor is already registered with other details",
        "donorId",
        "is registered with other details",
      );
    case "RecordFunds":
      return recordedElsewhere(
        "the fund is already recorded with other details",
        "fundId",
        "is recorded with other details",
      );
    case "RecordSubmission":
      return recordedElsewhere(
        "the submission was already recorded with other content",
        "submissionId",
        "was recorded with other content",
      );
    case "VoidDistribution":
      // The void stream holds one event: a second void, even a racing one, is the store's conflict.
      return { kind: "once", conflict: ALREADY_VOIDED };
    case "AddFlagNote":
      // The note's own stream (streams.ts): its id names the note, so the same id again is a retry.
      return recordedElsewhere(
        "the note was already recorded with other content",
        "noteId",
        "was recorded with other content",
      );
    case "SetDedupPolicy":
    case "ResolveFlag":
      return { kind: "append" };
  }
}

import type { DistributionVoided } from "../events/distributions.js";
import type { FundsReceived } from "../events/funds.js";
import type { Principal } from "../events/metadata.js";
import type { FieldError } from "../api/field-errors.js";
import { enteredDateProblem } from "../values/calendar-date.js";
import { accept, refuse, type Decision } from "./decision.js";
import type { WriteState } from "./write-state.js";

/**
 * Funds must come from a registered donor to a registered CBO, received on a date the ledger
 * accepts (the rule `distributedOn` follows: not in the future, not before 2000-01-01).
 */
export function decideFunds(funds: FundsReceived, state: WriteState, today: string): Decision<FundsReceived> {
  const details: FieldError[] = [];
  if (!state.hasDonor(funds.donorId)) details.push({ path: "donorId", message: "is not a registered donor" });
  if (!state.hasCbo(funds.cboId)) details.push({ path: "cboId", message: "is not a registered CBO" });
  const date = enteredDateProblem(funds.receivedOn, today);
  if (date) details.push({ path: "receivedOn", message: date });
  return details.length > 0
    ? refuse(422, "the fund breaks the ledger's rules; nothing was recorded", details)
    : accept(funds);
}

/** A CBO voids only its own distributions, and each at most once. */
export function decideVoid(
  distributionId: string,
  reason: string,
  principal: Principal,
  state: WriteState,
): Decision<DistributionVoided> {
  const known = state.distribution(distributionId);
  if (!known)
    return refuse(422, "no distribution has this id", [
      { path: "distributionId", message: "is not a recorded distribution" },
    ]);
  if (principal.role === "cbo" && principal.cboId !== known.cboId)
    return refuse(403, "a CBO key may void only its own CBO's distributions");
  if (known.voided)
    return refuse(422, "the distribution is already voided", [
      { path: "distributionId", message: "is already voided" },
    ]);
  return accept({ distributionId, cboId: known.cboId, reason });
}

/** A flag's id is the id of the excess distribution it is about. */
export function decideFlagResolution(flagId: string, state: WriteState): Decision<string> {
  return state.distribution(flagId)
    ? accept(flagId)
    : refuse(422, "no distribution has this id, so no flag can", [
        { path: "flagId", message: "is not a recorded distribution" },
      ]);
}

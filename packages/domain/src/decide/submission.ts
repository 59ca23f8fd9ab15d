import type { FieldError } from "../api/field-errors.js";
import { PROBLEMS, type Problem } from "../api/problems.js";
import type { LedgerEvent } from "../events/catalogue.js";
import type { DistributionRecorded } from "../events/distributions.js";
import { enteredDateProblem } from "../values/calendar-date.js";
import { accept, refuse, refuseMissing, type Decision } from "./decision.js";
import type { WriteState } from "./write-state.js";

type FundLookup = Pick<WriteState, "fund">;

/** Whether a record may draw on the fund it names: the fund exists, is the CBO's and covers the service. */
export function fundingProblemCode(
  record: Pick<DistributionRecorded, "funding" | "cboId" | "service">,
  state: FundLookup,
): Problem | undefined {
  if (record.funding.kind !== "fund") return undefined;
  const fund = state.fund(record.funding.fundId);
  if (!fund) return "funding.unknownFund";
  if (fund.cboId !== record.cboId) return "funding.otherCbo";
  if (fund.restrictedTo && !fund.restrictedTo.includes(record.service)) return "funding.restricted";
  return undefined;
}

/**
 * What the ledger's rules say about one record (the `index`-th of its submission), as far as its
 * fields are known: its fund (the CBO's, covering the service) and its date (not after today, not
 * before 2000). The decider and the JSON route's one-pass refusal both ask here, so they name the
 * same problems; the refusal asks with the fields that parsed in a record that did not.
 */
export function recordRuleProblems(
  record: Partial<Pick<DistributionRecorded, "funding" | "cboId" | "service" | "distributedOn">>,
  index: number,
  state: FundLookup,
  today: string,
): FieldError[] {
  const problems: FieldError[] = [];
  const { funding, cboId, service, distributedOn } = record;
  const fundProblem =
    funding && cboId !== undefined && service ? fundingProblemCode({ funding, cboId, service }, state) : undefined;
  if (fundProblem) problems.push({ path: `distributions.${index}.funding.fundId`, message: PROBLEMS[fundProblem] });
  const date = distributedOn === undefined ? undefined : enteredDateProblem(distributedOn, today);
  if (date) problems.push({ path: `distributions.${index}.distributedOn`, message: date });
  return problems;
}

/**
 * Decides a whole submission (already parsed and pseudonymised): every record is checked and every
 * problem reported, so the CBO can fix the batch in one go. Rules the ledger's state breaks are
 * `breaks_rules`; a distributionId recorded by an earlier submission is `already_recorded`, since
 * retrying cannot help.
 */
export function decideSubmission(
  records: DistributionRecorded[],
  state: WriteState,
  today: string,
): Decision<LedgerEvent[]> {
  const cboId = records[0]?.cboId;
  if (cboId === undefined || !state.hasCbo(cboId))
    return refuseMissing("cboId", "is not a registered CBO", "the CBO is not registered");
  const unprocessable: FieldError[] = [];
  const conflicts: FieldError[] = [];
  records.forEach((record, i) => {
    unprocessable.push(...recordRuleProblems(record, i, state, today));
    const earlier = state.distribution(record.distributionId);
    if (earlier && earlier.submissionId !== record.submissionId) {
      conflicts.push({
        path: `distributions.${i}.distributionId`,
        message: PROBLEMS["distributionId.recordedBefore"],
      });
    }
  });
  if (unprocessable.length > 0)
    return refuse("breaks_rules", "some records break the ledger's rules; nothing was recorded", unprocessable);
  if (conflicts.length > 0)
    return refuse("already_recorded", "some distributions were already recorded; nothing was recorded", conflicts);
  return accept(records.map((data): LedgerEvent => ({ type: "DistributionRecorded", data })));
}

import {
  decideSubmission,
  pseudonymizeNormalized,
  submissionStream,
  type DistributionRecorded,
  type ParsedSubmission,
} from "@relief-ledger/domain";
import { conflict } from "@relief-ledger/http";
import type { EventMetadata } from "@relief-ledger/domain";
import type { IngestDeps } from "./deps.js";
import { recordOnce, type Recorded } from "./recorder.js";
import { orRefuse } from "./refusal.js";

/** Swaps each identity document for its pseudonym; nothing identifying goes further than this. */
const toRecords = (input: ParsedSubmission, deps: IngestDeps): DistributionRecorded[] =>
  input.distributions.map(({ beneficiaryRefs, ...distribution }) => ({
    ...distribution,
    submissionId: input.submissionId,
    cboId: input.cboId,
    beneficiaries: pseudonymizeNormalized(beneficiaryRefs, input.cboId, deps.pseudonymizer),
  }));

export interface SubmissionOutcome extends Recorded {
  submissionId: string;
  cboId: string;
}

/**
 * Records a CBO's batch whole or not at all. A retry of the same content returns the first
 * outcome; the same submissionId with other content is a conflict.
 */
export async function submit(
  input: ParsedSubmission,
  metadata: EventMetadata,
  deps: IngestDeps,
): Promise<SubmissionOutcome> {
  const records = toRecords(input, deps);
  await deps.index.catchUp();
  const state = deps.index.withDistributions(records.map((record) => record.distributionId));
  const decided = orRefuse(decideSubmission(records, state, deps.today()));
  const events = decided.map((data) => ({ type: "DistributionRecorded", data }));
  const outcome = await recordOnce(deps.store, submissionStream(input.submissionId), events, metadata);
  if (!outcome.ok)
    throw conflict("the submission was already recorded with other content", [
      { path: "submissionId", message: "was recorded with other content" },
    ]);
  if (outcome.appended) await deps.index.noteAppended(events, outcome.appended);
  return { submissionId: input.submissionId, cboId: input.cboId, ...outcome.recorded };
}

import {
  pseudonymizeNormalized,
  type EventMetadata,
  type ParsedSubmission,
  type Recorded,
} from "@relief-ledger/domain";
import type { IngestDeps } from "./deps.js";
import { handleCommand } from "./handle-command.js";

export interface SubmissionOutcome extends Recorded {
  submissionId: string;
  cboId: string;
}

/**
 * Records a CBO's batch whole or not at all, each identity document swapped for its pseudonym
 * first: nothing identifying goes further than this. A retry of the same content returns the
 * first outcome; the same submissionId with other content is a conflict.
 */
export async function submit(
  input: ParsedSubmission,
  metadata: EventMetadata,
  deps: IngestDeps,
): Promise<SubmissionOutcome> {
  const records = input.distributions.map(({ beneficiaryRefs, ...distribution }) => ({
    ...distribution,
    submissionId: input.submissionId,
    cboId: input.cboId,
    beneficiaries: pseudonymizeNormalized(beneficiaryRefs, input.cboId, deps.pseudonymizer),
  }));
  const recorded = await handleCommand(deps, { type: "RecordSubmission", data: { records } }, metadata);
  return { submissionId: input.submissionId, cboId: input.cboId, ...recorded };
}

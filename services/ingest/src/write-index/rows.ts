import type { LedgerEvent, Service } from "@relief-ledger/domain";

/**
 * Where the write index's rows go, one method a kind of row: the rows held in memory between
 * flushes, or the SQL statements (both in write-index.ts). Either way the first record of an id
 * wins, as in every projection, and a void applies to the distribution recorded under its id if
 * there is one. The fields come as arguments, not as an object, so that handing a row over
 * allocates nothing: this is ingest's hot path, a thousand events a submission.
 */
export interface WriteIndexSink {
  cboAdded(cboId: string): void;
  donorAdded(donorId: string): void;
  /** `restrictedTo` undefined: the fund may pay for any service. */
  fundAdded(fundId: string, cboId: string, donorId: string, restrictedTo: Service[] | undefined): void;
  distributionAdded(distributionId: string, cboId: string, submissionId: string): void;
  distributionVoided(distributionId: string): void;
}

/**
 * The write index's fold of the log, said once: each event the write side keeps becomes exactly one
 * row for the sink; the others become none. The domain's `evolveWriteModel` is the pure statement of
 * the same fold, and the write index's tests hold the two to the same answers.
 */
export function foldIntoWriteIndex(event: LedgerEvent, sink: WriteIndexSink): void {
  switch (event.type) {
    case "CboRegistered":
      sink.cboAdded(event.data.cboId);
      return;
    case "DonorRegistered":
      sink.donorAdded(event.data.donorId);
      return;
    case "FundsReceived": {
      const { fundId, cboId, donorId, restrictedTo } = event.data;
      sink.fundAdded(fundId, cboId, donorId, restrictedTo);
      return;
    }
    case "DistributionRecorded": {
      const { distributionId, cboId, submissionId } = event.data;
      sink.distributionAdded(distributionId, cboId, submissionId);
      return;
    }
    case "DistributionVoided":
      sink.distributionVoided(event.data.distributionId);
      return;
    // The write side decides nothing from these.
    case "DedupPolicySet":
    case "DuplicateFlagResolved":
    case "FlagNoteAdded":
    case "LedgerHeadSigned":
      return;
  }
}

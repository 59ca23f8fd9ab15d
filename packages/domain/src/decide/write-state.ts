import type { Service } from "../values/services.js";

export interface KnownFund {
  cboId: string;
  donorId: string;
  restrictedTo?: Service[];
}

export interface KnownDistribution {
  cboId: string;
  submissionId: string;
  voided: boolean;
}

/** What a decision may look up about the ledger so far: a read-only view the caller keeps current. */
export interface WriteState {
  hasCbo: (cboId: string) => boolean;
  hasDonor: (donorId: string) => boolean;
  fund: (fundId: string) => KnownFund | undefined;
  distribution: (distributionId: string) => KnownDistribution | undefined;
}

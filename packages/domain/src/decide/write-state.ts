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

/** A duplicate flag as far as a write needs it: the CBOs of its window, the flagged one's included. */
export interface KnownFlag {
  cboIds: readonly string[];
}

/**
 * Where a decision looks flags up. Flags are derived on the read side (persons across identity
 * documents, windows, the policy in force), not folded by the write side: the ingest service
 * answers from the read model, which lags the log a little (decision 0035).
 */
export interface FlagLookup {
  flag(flagId: string): KnownFlag | undefined;
}

/** No flag is known: what a decision sees where no read model is at hand. */
export const NO_FLAGS: FlagLookup = { flag: () => undefined };

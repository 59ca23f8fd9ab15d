import type {
  DistributionInput,
  IdentifierType,
  RecordFundsInput,
  RegisterCboInput,
  RegisterDonorInput,
  Service,
  SubmissionInput,
} from "@relief-ledger/domain";
import type { Rates, VoidKind } from "./profiles.js";

export interface CboSpec {
  /** Exactly the body of POST /v1/cbos. */
  registration: RegisterCboInput;
  /** How many rows this CBO puts in one submission (its spreadsheets' size), at most 1,000. */
  batchSize: number;
  /** Prefix of this CBO's own member codes, e.g. JMS in JMS-00042. */
  memberCodePrefix: string;
}

/** Where a member is known: the CBO, its code for her, and which documents it records. */
export interface MemberRecord {
  cboId: string;
  memberCode?: string;
  documents: IdentifierType[];
}

/** A member. Identity values are synthetic but valid; they live only in memory and CSV files. */
export interface MemberSpec {
  /** Normalised values of the documents the member has. */
  documents: Partial<Record<Exclude<IdentifierType, "member_id">, string>>;
  /** The home CBO first; a member served by two CBOs has two records sharing an Aadhaar or phone. */
  records: MemberRecord[];
}

export type DuplicateKind = "cross_cbo" | "same_cbo";

/**
 * A distribution planted as a duplicate benefit: the same person received the same ruled service
 * again within the default policy's window, dated after the original, so the policy flags it
 * (the flag's id is this distributionId). Nothing else in the coalition breaks the default policy.
 */
export interface PlantedDuplicate {
  distributionId: string;
  originalId: string;
  kind: DuplicateKind;
  service: Service;
  cboId: string;
  originalCboId: string;
  distributedOn: string;
  originalDistributedOn: string;
}

export interface VoidSpec {
  distributionId: string;
  cboId: string;
  kind: VoidKind;
  reason: string;
}

/** A CBO-month whose batches were uploaded late. */
export interface LateMonth {
  cboId: string;
  /** The month the distributions took place, YYYY-MM. */
  month: string;
  delayMonths: number;
}

export type SubmissionGroup = "on_time" | "late" | "correction";

/** One submission, in the order the coalition uploads them. */
export interface PlannedSubmission {
  submissionId: string;
  cboId: string;
  /** Upload round: round r is uploaded during month r+1 of the period (rounds past the end run on). */
  round: number;
  group: SubmissionGroup;
  size: number;
}

export interface Expected {
  cbos: number;
  donors: number;
  funds: number;
  members: number;
  dualMembers: number;
  submissions: number;
  lateSubmissions: number;
  distributions: number;
  voids: number;
  plantedDuplicates: Record<DuplicateKind, number>;
  doubleEntries: number;
  replacements: number;
  byService: Record<Service, number>;
  /** Value of the distributions left after voids, in paise. */
  valuePaise: number;
  /** Of that, what government schemes provided. */
  schemeValuePaise: number;
  fundsPaise: number;
}

/** The denominators of the planted rates, so their outcome can be checked. */
export interface RateStats {
  ruledEntries: number;
  ruledEntriesOfDualMembers: number;
  voidCandidates: number;
  /** CBO-months that could be late: every month but the last. */
  cboMonths: number;
}

/** A whole coalition, as plain data; its distributions are rebuilt on demand by `submissionsOf`. */
export interface Coalition {
  seed: number;
  scale: number;
  today: string;
  months: number;
  period: { from: string; to: string };
  rates: Rates;
  cbos: CboSpec[];
  donors: RegisterDonorInput[];
  funds: RecordFundsInput[];
  members: MemberSpec[];
  lateMonths: LateMonth[];
  submissions: PlannedSubmission[];
  plantedDuplicates: PlantedDuplicate[];
  voids: VoidSpec[];
  expected: Expected;
  stats: RateStats;
}

/** What the loader sends: a submission, then the voids of its distributions. */
export interface Batch {
  plan: PlannedSubmission;
  submission: SubmissionInput & { distributions: DistributionInput[] };
  voids: VoidSpec[];
}

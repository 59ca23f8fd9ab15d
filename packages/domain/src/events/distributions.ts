import { z } from "zod";
import { BeneficiaryRefSchema, MAX_BENEFICIARY_REFS } from "../pseudonyms/beneficiary-ref.js";
import { CalendarDateSchema } from "../values/calendar-date.js";
import { FundingSchema } from "../values/funding.js";
import { CboIdSchema, DistributionIdSchema, SubmissionIdSchema } from "../values/ids.js";
import { PaiseSchema } from "../values/money.js";
import { ServiceSchema } from "../values/services.js";
import { DISTRICT_MAX, REASON_MAX, storedText } from "../values/text.js";

/**
 * One handing-over of relief. `beneficiaries` (not the API's `beneficiaryRefs`) holds only
 * pseudonyms, so the raw and the stored shapes cannot be mistaken for each other in code.
 */
export const DistributionRecordedSchema = z.strictObject({
  distributionId: DistributionIdSchema,
  submissionId: SubmissionIdSchema,
  cboId: CboIdSchema,
  service: ServiceSchema,
  beneficiaries: z
    .array(BeneficiaryRefSchema)
    .min(1, "must name at least one beneficiary")
    .max(MAX_BENEFICIARY_REFS, `must name at most ${MAX_BENEFICIARY_REFS} identity documents`)
    .refine((refs) => new Set(refs.map((ref) => ref.pseudonym)).size === refs.length, "must not repeat a pseudonym"),
  quantity: z.int("must be a whole number").min(1, "must be at least 1"),
  valuePaise: PaiseSchema,
  funding: FundingSchema,
  distributedOn: CalendarDateSchema,
  /** Where it happened, when not the CBO's own district. */
  district: storedText(DISTRICT_MAX).optional(),
});

/** Appended to `distribution-<id>`; see streams.ts for why that makes a second void impossible. */
export const DistributionVoidedSchema = z.strictObject({
  distributionId: DistributionIdSchema,
  cboId: CboIdSchema,
  reason: storedText(REASON_MAX),
});

export type DistributionRecorded = z.infer<typeof DistributionRecordedSchema>;
export type DistributionVoided = z.infer<typeof DistributionVoidedSchema>;

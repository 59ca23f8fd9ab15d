import { z } from "zod";
import { normalizeIdentifier } from "../identifiers/normalize.js";
import { IdentifierTypeSchema, MAX_RAW_IDENTIFIER_LENGTH } from "../identifiers/types.js";
import { MAX_BENEFICIARY_REFS } from "../pseudonyms/beneficiary-ref.js";
import type { NormalizedRef } from "../pseudonyms/refs.js";
import { CalendarDateSchema } from "../values/calendar-date.js";
import { FundingInputSchema } from "../values/funding.js";
import { CboIdSchema, DistributionIdSchema, SubmissionIdSchema } from "../values/ids.js";
import { PaiseSchema } from "../values/money.js";
import { ServiceSchema } from "../values/services.js";
import { DISTRICT_MAX, inputText } from "../values/text.js";

export const MAX_DISTRIBUTIONS_PER_SUBMISSION = 1000;

/**
 * One raw identity document, parsed into its normalised form: the raw value is checked here, so
 * one parse reports every bad value in a batch at `distributions.<i>.beneficiaryRefs.<j>.value`
 * (the message is the rule, never the value), and it is dropped here, so nothing downstream of
 * parsing holds it or normalises it twice.
 */
export const BeneficiaryRefInputSchema = z
  .strictObject({
    type: IdentifierTypeSchema,
    value: z.string().max(MAX_RAW_IDENTIFIER_LENGTH, `must be at most ${MAX_RAW_IDENTIFIER_LENGTH} characters`),
  })
  .transform((ref, ctx): NormalizedRef => {
    const result = normalizeIdentifier(ref.type, ref.value);
    if (result.ok) return { type: ref.type, normalized: result.normalized };
    ctx.addIssue({ code: "custom", path: ["value"], message: result.reason });
    return z.NEVER;
  });

export const DistributionInputSchema = z.strictObject({
  distributionId: DistributionIdSchema,
  service: ServiceSchema,
  beneficiaryRefs: z
    .array(BeneficiaryRefInputSchema)
    .min(1, "must name at least one identity document")
    .max(MAX_BENEFICIARY_REFS, `must name at most ${MAX_BENEFICIARY_REFS} identity documents`),
  quantity: z.int("must be a whole number").min(1, "must be at least 1"),
  valuePaise: PaiseSchema,
  funding: FundingInputSchema,
  distributedOn: CalendarDateSchema,
  district: inputText(DISTRICT_MAX).optional(),
});

const hasDistributionList = (value: unknown): value is { distributions: unknown[] } =>
  typeof value === "object" && value !== null && Array.isArray((value as { distributions?: unknown }).distributions);

/** A CBO's batch: all of it is recorded or none of it. */
export const SubmissionInputSchema = z
  .strictObject({
    submissionId: SubmissionIdSchema,
    cboId: CboIdSchema,
    distributions: z
      .array(DistributionInputSchema)
      .min(1, "must hold at least one distribution")
      .max(MAX_DISTRIBUTIONS_PER_SUBMISSION, `must hold at most ${MAX_DISTRIBUTIONS_PER_SUBMISSION} distributions`),
  })
  .superRefine(
    (submission, ctx) => {
      // Runs even when other records are bad (see `when`), so one reply lists every problem; the
      // records are therefore read defensively.
      const firstIndex = new Map<string, number>();
      (submission.distributions as unknown[]).forEach((record, index) => {
        const id = (record as { distributionId?: unknown } | null)?.distributionId;
        if (typeof id !== "string") return;
        const first = firstIndex.get(id);
        if (first === undefined) firstIndex.set(id, index);
        else {
          ctx.addIssue({
            code: "custom",
            path: ["distributions", index, "distributionId"],
            message: `repeats the distributionId of distributions.${first}`,
          });
        }
      });
    },
    { when: (payload) => hasDistributionList(payload.value) },
  );

/** What a client sends. */
export type BeneficiaryRefInput = z.input<typeof BeneficiaryRefInputSchema>;
export type DistributionInput = z.input<typeof DistributionInputSchema>;
export type SubmissionInput = z.input<typeof SubmissionInputSchema>;
/** What parsing yields: identity documents normalised, raw values gone. */
export type ParsedSubmission = z.output<typeof SubmissionInputSchema>;

import { z } from "zod";
import { normalizeIdentifier } from "../identifiers/normalize.js";
import { IdentifierTypeSchema, MAX_RAW_IDENTIFIER_LENGTH } from "../identifiers/types.js";
import { MAX_BENEFICIARY_REFS } from "../pseudonyms/beneficiary-ref.js";
import type { NormalizedRef } from "../pseudonyms/refs.js";
import { isCalendarDate } from "../values/calendar-date.js";
import { FundingInputSchema } from "../values/funding.js";
import { CboIdSchema, DistributionIdSchema, SubmissionIdSchema } from "../values/ids.js";
import { PaiseSchema } from "../values/money.js";
import { enteredDateAsIso, serviceOfText } from "../values/entered.js";
import type { Service } from "../values/services.js";
import { PROBLEMS, problemParams, type Problem } from "./problems.js";
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
    ctx.addIssue({ code: "custom", path: ["value"], message: result.reason, params: problemParams(result.problem) });
    return z.NEVER;
  });

// Built-in checks carry the wording only; a page finds their code by the field (see row-problems).
const refusal = (problem: Problem) => ({ message: PROBLEMS[problem], params: problemParams(problem) });

/** A service by its code or its name, any case ("Grocery kit" is grocery_kit). */
export const ServiceInputSchema = z
  .string(PROBLEMS["service.unknown"])
  .transform((text, ctx): Service => {
    const service = serviceOfText(text);
    if (service) return service;
    ctx.addIssue({ code: "custom", ...refusal("service.unknown") });
    return z.NEVER;
  })
  .meta({ description: "a service's code (grocery_kit) or its name (Grocery kit)" });

/** A date written DD/MM/YYYY or YYYY-MM-DD, as YYYY-MM-DD; it must exist in the calendar. */
export const EnteredDateSchema = z
  .string(PROBLEMS["date.invalid"])
  .transform((text, ctx): string => {
    const iso = enteredDateAsIso(text);
    if (iso !== undefined && isCalendarDate(iso)) return iso;
    ctx.addIssue({ code: "custom", ...refusal("date.invalid") });
    return z.NEVER;
  })
  .meta({ description: "a real date, DD/MM/YYYY or YYYY-MM-DD; stored as YYYY-MM-DD" });

export const DistributionInputSchema = z.strictObject({
  distributionId: DistributionIdSchema,
  service: ServiceInputSchema,
  beneficiaryRefs: z
    .array(BeneficiaryRefInputSchema)
    .min(1, PROBLEMS["identity.none"])
    .max(MAX_BENEFICIARY_REFS, PROBLEMS["identity.tooMany"]),
  quantity: z.int(PROBLEMS["quantity.invalid"]).min(1, PROBLEMS["quantity.invalid"]),
  valuePaise: PaiseSchema,
  funding: FundingInputSchema,
  distributedOn: EnteredDateSchema,
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
            params: problemParams("distributionId.repeated"),
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

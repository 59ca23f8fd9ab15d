import { z } from "zod";
import { FLAG_VERDICTS } from "../events/dedup.js";
import { ServiceListSchema } from "../events/funds.js";
import { CalendarDateSchema } from "../values/calendar-date.js";
import { DedupRulesSchema } from "../values/dedup-policy.js";
import { CboIdSchema, DonorIdSchema, FundIdSchema, NoteIdSchema } from "../values/ids.js";
import { AmountPaiseSchema } from "../values/money.js";
import { DonorKindSchema } from "../values/services.js";
import { StateCodeSchema } from "../values/states.js";
import {
  DISTRICT_MAX,
  FLAG_NOTE_MAX,
  NOTE_MAX,
  ORG_NAME_MAX,
  REASON_MAX,
  REFERENCE_MAX,
  inputText,
} from "../values/text.js";

// What clients send. Ids that name the resource in the URL (the distribution to void, the flag
// to resolve) are not repeated in the body. Free text is trimmed; unknown fields are rejected,
// so a misspelt optional field is reported instead of silently dropped.

export const RegisterCboInputSchema = z.strictObject({
  cboId: CboIdSchema,
  name: inputText(ORG_NAME_MAX),
  state: StateCodeSchema,
  district: inputText(DISTRICT_MAX),
});

export const RegisterDonorInputSchema = z.strictObject({
  donorId: DonorIdSchema,
  name: inputText(ORG_NAME_MAX),
  kind: DonorKindSchema,
});

export const RecordFundsInputSchema = z.strictObject({
  fundId: FundIdSchema,
  donorId: DonorIdSchema,
  cboId: CboIdSchema,
  amountPaise: AmountPaiseSchema,
  receivedOn: CalendarDateSchema,
  restrictedTo: ServiceListSchema.optional(),
  reference: inputText(REFERENCE_MAX).optional(),
});

/** The reason is free text read by auditors: clients are told to keep names and numbers out. */
export const VoidDistributionInputSchema = z.strictObject({
  reason: inputText(REASON_MAX),
});

export const SetDedupPolicyInputSchema = z.strictObject({
  rules: DedupRulesSchema,
});

export const ResolveFlagInputSchema = z.strictObject({
  verdict: z.enum(FLAG_VERDICTS),
  note: inputText(NOTE_MAX),
});

/**
 * A CBO's note to the auditors on a flag: free text, no names or numbers, under an id the client
 * chooses once per note, so a retry of the same note is answered as the first write was.
 */
export const AddFlagNoteInputSchema = z.strictObject({
  noteId: NoteIdSchema,
  note: inputText(FLAG_NOTE_MAX),
});

export type RegisterCboInput = z.infer<typeof RegisterCboInputSchema>;
export type RegisterDonorInput = z.infer<typeof RegisterDonorInputSchema>;
export type RecordFundsInput = z.infer<typeof RecordFundsInputSchema>;
export type VoidDistributionInput = z.infer<typeof VoidDistributionInputSchema>;
export type SetDedupPolicyInput = z.infer<typeof SetDedupPolicyInputSchema>;
export type ResolveFlagInput = z.infer<typeof ResolveFlagInputSchema>;

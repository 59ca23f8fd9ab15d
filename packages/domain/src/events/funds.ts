import { z } from "zod";
import { CalendarDateSchema } from "../values/calendar-date.js";
import { CboIdSchema, DonorIdSchema, FundIdSchema } from "../values/ids.js";
import { AmountPaiseSchema } from "../values/money.js";
import { ServiceSchema } from "../values/services.js";
import { REFERENCE_MAX, storedText } from "../values/text.js";

/** A list of services with no repeats: a repeat would mean nothing, so it is taken for a typo. */
export const ServiceListSchema = z
  .array(ServiceSchema)
  .min(1, "must list at least one service; leave the field out for no restriction")
  .refine((services) => new Set(services).size === services.length, "must not list a service twice");

export const FundsReceivedSchema = z.strictObject({
  fundId: FundIdSchema,
  donorId: DonorIdSchema,
  /** The CBO that received the money and whose distributions it may pay for. */
  cboId: CboIdSchema,
  amountPaise: AmountPaiseSchema,
  receivedOn: CalendarDateSchema,
  /** Absent: the fund may pay for any service. */
  restrictedTo: ServiceListSchema.optional(),
  /** The donor's or bank's reference for the transfer (a UTR, a cheque number). */
  reference: storedText(REFERENCE_MAX).optional(),
});

export type FundsReceived = z.infer<typeof FundsReceivedSchema>;

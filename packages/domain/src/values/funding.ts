import { z } from "zod";
import { FundIdSchema } from "./ids.js";
import { SCHEME_MAX, inputText, storedText } from "./text.js";

/**
 * Who pays for a distribution: one named fund, the CBO's own funds oldest first (`auto`), or a
 * government scheme the CBO helped the member reach, which is never attributed to a donor.
 */
const funding = (scheme: z.ZodString) =>
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("fund"), fundId: FundIdSchema }),
    z.strictObject({ kind: z.literal("auto") }),
    z.strictObject({ kind: z.literal("scheme"), scheme }),
  ]);

export const FundingSchema = funding(storedText(SCHEME_MAX));

/** As a client sends it: the scheme's name is trimmed ("PDS " and "PDS" are one scheme). */
export const FundingInputSchema = funding(inputText(SCHEME_MAX));

export type Funding = z.infer<typeof FundingSchema>;

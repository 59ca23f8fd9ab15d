import { z } from "zod";

// What an auditor reads across all donors and CBOs (routes/money.ts): every figure whole, as an
// auditor reads any donor's attribution. Money is integer paise.

const paise = (what: string) => z.number().int().describe(`${what}, in paise`);

export const DonorListSchema = z
  .object({
    donors: z.array(
      z.object({
        donorId: z.string(),
        name: z
          .string()
          .nullable()
          .describe("null when the donor has funds but its registration is not in the log yet"),
        kind: z.string().nullable(),
        funds: z.number().int(),
        receivedPaise: paise("given"),
        attributedPaise: paise("paid for distributions"),
        remainingPaise: paise("not yet attributed"),
        persons: z.number().int().describe("distinct persons its funds reached, nothing hidden"),
      }),
    ),
  })
  .describe("Every donor with what it gave and where that stands, sorted by donorId (auditors only)");

export const CboMoneySchema = z
  .object({
    cbos: z.array(
      z.object({
        cboId: z.string(),
        name: z.string().nullable(),
        state: z.string().nullable(),
        distributions: z.number().int(),
        persons: z.number().int(),
        valuePaise: paise("value distributed"),
        attributedPaise: paise("paid by donors' funds"),
        unfundedPaise: paise("not covered by any fund"),
        schemePaise: paise("facilitated through government schemes"),
        funds: z.number().int(),
        receivedPaise: paise("received from donors"),
      }),
    ),
  })
  .describe("Every CBO's value: paid by funds, unfunded and scheme-facilitated, sorted by cboId (auditors only)");

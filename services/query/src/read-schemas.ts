import { z } from "zod";

// The answers of the reads that CBO and auditor keys make, as clients may rely on them (the donor
// views are in donor-schemas.ts). Money is integer paise; CBO keys see their own CBO whole.

const paise = (what: string) => z.number().int().describe(`${what}, in paise`);
const measures = {
  distributions: z.number().int(),
  valuePaise: paise("value of the distributions"),
  persons: z.number().int().describe("distinct persons, a person served by two CBOs counted once"),
  attributedPaise: paise("paid by donors' funds"),
  unfundedPaise: paise("not covered by any fund"),
  schemePaise: paise("facilitated through government schemes"),
};

export const CboTotalsSchema = z
  .object({
    cboId: z.string(),
    cbo: z
      .object({ name: z.string(), state: z.string(), district: z.string() })
      .nullable()
      .describe("null when the CBO has data but its registration is not in the log yet"),
    overall: z.object({ ...measures, funds: z.number().int(), receivedPaise: paise("received") }),
    cells: z.array(z.object({ service: z.string(), month: z.string().describe("YYYY-MM"), ...measures })),
    fundsReceived: z.array(z.object({ month: z.string(), funds: z.number().int(), amountPaise: paise("received") })),
  })
  .describe("A CBO's totals by service and month");

const nextCursor = z.string().nullable().describe("pass back as cursor for the next page; null on the last");

/** One flag, as the list and GET /v1/flags/{flagId} give it. */
export const FlagSchema = z.object({
  flagId: z.string().describe("the id of the excess distribution"),
  personId: z.string().describe("a pseudonym of the person, never an identity number"),
  service: z.string(),
  distributedOn: z.string(),
  cboId: z.string().describe("the CBO of the excess distribution"),
  cboIds: z.array(z.string()).describe("the CBOs of every distribution in the window"),
  windowOpensOn: z.string().describe("the first day of the window; it ends on distributedOn"),
  earlierCount: z.number().int().describe("the person's distributions of the service before this one in it"),
  windowDays: z.number().int().describe("the policy that raised it: at most maxPerWindow in windowDays days"),
  maxPerWindow: z.number().int(),
  status: z.enum(["open", "resolved"]),
  resolution: z.object({ verdict: z.string(), note: z.string(), resolvedAt: z.string() }).nullable(),
});

export const FlagPageSchema = z
  .object({ flags: z.array(FlagSchema), nextCursor })
  .describe("Suspected duplicate benefits, a page at a time");

export const FlagOutcomesSchema = z
  .object({
    months: z.array(
      z.object({
        month: z.string().describe("YYYY-MM of the flagged distributions"),
        open: z.number().int(),
        confirmed: z.number().int(),
        dismissed: z.number().int(),
      }),
    ),
  })
  .describe("Flags matching the filter, counted per month and outcome, oldest month first");

export const FlagEvidenceSchema = z
  .object({
    flagId: z.string(),
    windowOpensOn: z.string(),
    distributedOn: z.string(),
    earlierCount: z.number().int(),
    earlier: z.array(
      z.object({
        distributionId: z.string(),
        distributedOn: z.string(),
        cboId: z.string(),
        valuePaise: paise("value of the distribution"),
        fundingKind: z.enum(["fund", "auto", "scheme"]).describe("who pays: a named fund, the CBO's funds, a scheme"),
        fundId: z.string().nullable().describe("the fund a `fund` distribution names"),
        scheme: z.string().nullable().describe("the government scheme of a `scheme` distribution"),
      }),
    ),
    nextCursor,
  })
  .describe("A flag's evidence: the person's earlier distributions of the service in its window, oldest first");

export const CboDirectorySchema = z
  .object({
    cbos: z.array(z.object({ cboId: z.string(), name: z.string(), state: z.string(), district: z.string() })),
  })
  .describe("Every registered CBO: who it is and where it works; no person is in it");

export const StateValueSchema = z
  .object({
    cells: z.array(
      z.object({ state: z.string(), service: z.string(), month: z.string(), valuePaise: paise("value distributed") }),
    ),
  })
  .describe("Value distributed by state, service and month: money only, no counts");

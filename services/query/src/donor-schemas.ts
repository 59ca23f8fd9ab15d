import { z } from "zod";

// The answers a donor key reads, as the web pages and other clients may rely on them. The same
// shape for auditors, with nothing hidden. Money is integer paise.

const suppressed = z
  .boolean()
  .describe(
    "true: this row's counts (and, for a cell, its money) are hidden from donor keys and given as null: " +
      "a cell of 1 to 4 persons, or a cell hidden with it so that it cannot be worked out by subtraction",
  );
const suppressedReason = z
  .enum(["small", "protective"])
  .nullable()
  .describe(
    "why this row is hidden; null when shown. small: it reached 1 to 4 persons (show it as 'fewer than 5'). " +
      "protective: it is hidden so that a small group elsewhere cannot be worked out by subtraction, and its " +
      "own size is not told (often 5 or more; show it as hidden, never as 'fewer than 5'). A table whose labels " +
      "would narrow a small row below 1 to 4 marks all its hidden rows protective",
  );
const count = (what: string) => z.number().int().nullable().describe(`${what}; null when suppressed`);
const paise = (what: string) => z.number().int().describe(`${what}, in paise`);
const hiddenPaise = (what: string) => z.number().int().nullable().describe(`${what}, in paise; null when suppressed`);

export const DonorAttributionSchema = z
  .object({
    donorId: z.string(),
    donor: z.object({ name: z.string(), kind: z.string() }).nullable(),
    funds: z.array(
      z.object({
        fundId: z.string(),
        cboId: z.string().describe("the CBO that received the fund"),
        receivedOn: z.string(),
        receivedPaise: paise("received"),
        restrictedTo: z.array(z.string()).nullable(),
        reference: z.string().nullable(),
        attributedPaise: paise("spent on distributions, always shown"),
        remainingPaise: paise("not yet spent; receivedPaise = attributedPaise + remainingPaise"),
        distributions: count("distributions this fund paid for"),
        persons: count("distinct persons those distributions reached"),
        suppressed,
        suppressedReason,
        suppressedPaise: paise("the money of the suppressed cells together: cells' paise + this = attributedPaise"),
        cells: z.array(
          z.object({
            cboId: z.string(),
            service: z.string(),
            month: z.string().describe("YYYY-MM of distributedOn"),
            paise: hiddenPaise("attributed"),
            distributions: count("distributions"),
            persons: count("distinct persons"),
            suppressed,
            suppressedReason,
          }),
        ),
      }),
    ),
    overall: z.object({
      funds: z.number().int(),
      receivedPaise: paise("received"),
      attributedPaise: paise("attributed"),
      remainingPaise: paise("remaining"),
      persons: count("distinct persons the donor's funds reached"),
      suppressed,
      suppressedReason,
    }),
  })
  .describe("Where a donor's funds went, fund by fund, with small cells suppressed for donor keys");

const measures = {
  distributions: count("distributions"),
  persons: count("distinct persons, a person served by two CBOs counted once"),
};

export const CoalitionTotalsSchema = z
  .object({
    overall: z.object({
      ...measures,
      valuePaise: paise("value of all distributions"),
      attributedPaise: paise("paid by donors' funds"),
      unfundedPaise: paise("not covered by any fund"),
      schemePaise: paise("facilitated through government schemes"),
      cbos: z.number().int(),
      funds: z.number().int(),
      receivedPaise: paise("received by all CBOs"),
      suppressed,
      suppressedReason,
    }),
    cells: z.array(
      z.object({
        service: z.string(),
        month: z.string(),
        ...measures,
        valuePaise: hiddenPaise("value"),
        attributedPaise: hiddenPaise("attributed"),
        unfundedPaise: hiddenPaise("unfunded"),
        schemePaise: hiddenPaise("through schemes"),
        suppressed,
        suppressedReason,
      }),
    ),
    fundsReceived: z.array(z.object({ month: z.string(), funds: z.number().int(), amountPaise: paise("received") })),
  })
  .describe("The coalition's totals by service and month, with small cells suppressed for donor keys");

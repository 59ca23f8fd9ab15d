import { CalendarDateSchema, ServiceSchema } from "@relief-ledger/domain";
import { z } from "zod";

/**
 * The donor statement as a document (decision 0027-donor-statement): one canonical JSON file that the query API
 * answers, `ledger statement` writes and checks, and the web page prints. Money is integer paise.
 * Every figure is one a donor key already reads from its attribution, through the same small-cell
 * rule, so the file can be handed to anyone.
 */
export const STATEMENT_FORMAT = "relief-ledger-statement/1";

/** A statement file is small (one line per fund × service); anything larger is refused unread. */
export const STATEMENT_MAX_BYTES = 4 * 1024 * 1024;

const paise = (what: string) => z.number().int().describe(`${what}, in paise`);
const count = (what: string) => z.number().int().min(0).nullable().describe(`${what}; null when suppressed`);

export const StatementLineSchema = z
  .object({
    cboId: z.string(),
    service: ServiceSchema,
    paise: paise("attributed to this CBO and service in the cells a donor may see"),
    distributions: z.number().int().min(0).describe("distributions in those cells"),
    withheldCells: z
      .number()
      .int()
      .min(0)
      .describe("months of this service whose figures are withheld as small cells; their money is in withheldPaise"),
  })
  .describe("What a fund paid for at one CBO for one service, over the fund's whole life up to the head");

export const StatementFundSchema = z.object({
  fundId: z.string(),
  cboId: z.string().describe("the CBO that received the fund"),
  receivedOn: CalendarDateSchema,
  reference: z.string().nullable(),
  restrictedTo: z.array(ServiceSchema).nullable(),
  receivedPaise: paise("received"),
  attributedPaise: paise("spent on distributions"),
  remainingPaise: paise("not yet spent: receivedPaise - attributedPaise"),
  distributions: count("distributions this fund paid for"),
  persons: count("distinct people those distributions reached"),
  suppressed: z.boolean().describe("true: the fund's counts are withheld (small cells)"),
  lines: z.array(StatementLineSchema),
  withheldPaise: paise("money of the withheld cells together: the lines' paise + this = attributedPaise"),
});

const HexSchema = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits");

export const StatementHeadSchema = z
  .object({
    treeSize: z.number().int().min(1).describe("the statement covers the first treeSize events of the log"),
    rootHash: HexSchema,
    keyId: z.string(),
    origin: z.string(),
    signedAt: z.string().describe("when the ledger signed this head (ISO 8601 UTC)"),
    checkpoint: z
      .string()
      .max(64 * 1024)
      .describe("the head as a C2SP signed checkpoint: the ledger's signature line, then witnesses' cosignature lines"),
    cosignatures: z.array(z.object({ witness: z.string(), cosignedAt: z.string() })),
  })
  .describe("The signed tree head every figure was computed at");

export const StatementSchema = z
  .object({
    format: z.literal(STATEMENT_FORMAT),
    donorId: z.string(),
    donor: z.object({ name: z.string(), kind: z.string() }).nullable(),
    period: z
      .object({ from: CalendarDateSchema.nullable(), to: CalendarDateSchema.nullable() })
      .describe("funds received on these days, inclusive (null: no bound); each with its figures as at the head"),
    currency: z.literal("INR"),
    generatedAt: z.string(),
    head: StatementHeadSchema,
    funds: z.array(StatementFundSchema),
    totals: z.object({
      funds: z.number().int().min(0),
      receivedPaise: paise("received"),
      attributedPaise: paise("attributed"),
      remainingPaise: paise("remaining"),
    }),
  })
  .describe("A donor's verifiable statement: its funds, where each one went and who it reached, at a signed head");

export type Statement = z.infer<typeof StatementSchema>;
export type StatementFund = z.infer<typeof StatementFundSchema>;
export type StatementLine = z.infer<typeof StatementLineSchema>;
export type StatementHead = z.infer<typeof StatementHeadSchema>;
export interface StatementPeriod {
  from: string | null;
  to: string | null;
}

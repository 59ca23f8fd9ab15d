import type { z } from "zod";
import { recordRuleProblems } from "../decide/submission.js";
import type { WriteState } from "../decide/write-state.js";
import { FundingInputSchema, type Funding } from "../values/funding.js";
import type { Service } from "../values/services.js";
import { EnteredDateSchema, ServiceInputSchema } from "./distribution-input.js";
import { formatIssues, type FieldError } from "./field-errors.js";

/**
 * The most problems one refusal lists: 1,000 records with every field wrong would be 10,000 and
 * more, a megabyte of answer nobody reads. The message says how many were left out.
 */
export const MAX_PROBLEMS_LISTED = 200;

export interface SubmissionRules {
  /** Today in India (YYYY-MM-DD). */
  today: string;
  /** The funds, for the CBO the submission is for (only when the caller acts for it). */
  funds?: Pick<WriteState, "fund">;
}

const NO_FUNDS: Pick<WriteState, "fund"> = { fund: () => undefined };

const recordIndexOf = (path: string): number => {
  const [head, index] = path.split(".");
  return head === "distributions" && index !== undefined && /^\d+$/.test(index) ? Number(index) : -1;
};

const parsedOrUndefined = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
};

/**
 * The fields of a record (a JSON record or a sheet row as one) that the ledger's rules judge, each
 * as parsed when it parses on its own: a record refused for its amount still has its date judged.
 */
export function ruleFieldsOf(record: Readonly<Record<string, unknown>>): {
  funding?: Funding;
  service?: Service;
  distributedOn?: string;
} {
  return {
    funding: parsedOrUndefined(FundingInputSchema, record.funding),
    service: parsedOrUndefined(ServiceInputSchema, record.service),
    distributedOn: parsedOrUndefined(EnteredDateSchema, record.distributedOn),
  };
}

/**
 * Every problem of a JSON submission its schema refused, in one list: the schema's own issues and,
 * for every record, what the ledger's rules say about the fields of it that did parse (a date
 * after today beside a bad amount in the same record), ordered by record then field. Nothing in
 * it quotes the input. A CBO then fixes the batch in one pass, as with a sheet.
 */
export function everySubmissionProblem(
  body: unknown,
  issues: readonly z.core.$ZodIssue[],
  rules: SubmissionRules,
): FieldError[] {
  const problems = formatIssues(issues);
  const { cboId, distributions } = (typeof body === "object" && body !== null ? body : {}) as {
    cboId?: unknown;
    distributions?: unknown;
  };
  if (Array.isArray(distributions)) {
    // A fund is judged only for a named CBO whose funds the caller may see.
    const funds = typeof cboId === "string" ? rules.funds : undefined;
    distributions.forEach((record: unknown, index) => {
      if (typeof record !== "object" || record === null) return;
      const { funding, ...others } = ruleFieldsOf(record as Record<string, unknown>);
      const known = { ...others, ...(funds ? { funding } : {}), ...(typeof cboId === "string" ? { cboId } : {}) };
      problems.push(...recordRuleProblems(known, index, funds ?? NO_FUNDS, rules.today));
    });
  }
  // Stable: a record's problems keep the schema's field order, the rules' after them.
  return problems
    .map((problem, order) => ({ problem, order, record: recordIndexOf(problem.path) }))
    .sort((a, b) => a.record - b.record || a.order - b.order)
    .map(({ problem }) => problem);
}

/** The first `max` problems and how many were left out. */
export function listAtMost<T>(problems: readonly T[], max = MAX_PROBLEMS_LISTED): { listed: T[]; more: number } {
  return { listed: problems.slice(0, max), more: Math.max(0, problems.length - max) };
}

import { paiseAsRupees } from "@relief-ledger/domain";
import type { StatementFund, StatementLine } from "./document.js";
import type { StatementFigures } from "./figures.js";

/** One figure of a statement that the replayed ledger does not give, named by its line. */
export interface Difference {
  /** "fund <fundId>", "fund <fundId> / CBO <cboId> / service <service>", or "totals". */
  line: string;
  field: string;
  stated: string;
  replayed: string;
}

const shown = (field: string, value: unknown): string =>
  value === null || value === undefined
    ? "withheld"
    : field.endsWith("Paise") || field === "paise"
      ? `Rs ${paiseAsRupees(value as number)}`
      : typeof value === "string"
        ? value
        : JSON.stringify(value);

function compareFields<T extends object>(line: string, stated: T, replayed: T, fields: readonly (keyof T & string)[]) {
  return fields.flatMap((field): Difference[] =>
    JSON.stringify(stated[field]) === JSON.stringify(replayed[field])
      ? []
      : [{ line, field, stated: shown(field, stated[field]), replayed: shown(field, replayed[field]) }],
  );
}

const FUND_FIELDS = [
  "cboId",
  "receivedOn",
  "reference",
  "restrictedTo",
  "receivedPaise",
  "attributedPaise",
  "remainingPaise",
  "distributions",
  "persons",
  "suppressed",
  "withheldPaise",
] as const satisfies readonly (keyof StatementFund)[];
const LINE_FIELDS = ["paise", "distributions", "withheldCells"] as const satisfies readonly (keyof StatementLine)[];

const lineName = (fundId: string, line: StatementLine) =>
  `fund ${fundId} / CBO ${line.cboId} / service ${line.service}`;

function compareFund(stated: StatementFund, replayed: StatementFund): Difference[] {
  const name = `fund ${stated.fundId}`;
  const differences = compareFields(name, stated, replayed, FUND_FIELDS);
  const key = (line: StatementLine) => `${line.cboId} ${line.service}`;
  const replayedLines = new Map(replayed.lines.map((line) => [key(line), line]));
  const statedKeys = new Set(stated.lines.map(key));
  for (const line of stated.lines) {
    const other = replayedLines.get(key(line));
    if (other === undefined)
      differences.push({ line: lineName(stated.fundId, line), field: "line", stated: "present", replayed: "absent" });
    else differences.push(...compareFields(lineName(stated.fundId, line), line, other, LINE_FIELDS));
  }
  for (const line of replayed.lines)
    if (!statedKeys.has(key(line)))
      differences.push({ line: lineName(stated.fundId, line), field: "line", stated: "absent", replayed: "present" });
  return differences;
}

/**
 * Every figure of a statement against the same statement recomputed from a replay, fund by fund
 * and line by line. Empty when they agree; otherwise each difference names its line and field.
 */
export function compareFigures(stated: StatementFigures, replayed: StatementFigures): Difference[] {
  const differences = compareFields("statement", stated, replayed, ["donorId", "donor", "period"]);
  const replayedFunds = new Map(replayed.funds.map((fund) => [fund.fundId, fund]));
  const statedIds = new Set(stated.funds.map((fund) => fund.fundId));
  for (const fund of stated.funds) {
    const other = replayedFunds.get(fund.fundId);
    if (other === undefined)
      differences.push({ line: `fund ${fund.fundId}`, field: "fund", stated: "present", replayed: "absent" });
    else differences.push(...compareFund(fund, other));
  }
  for (const fund of replayed.funds)
    if (!statedIds.has(fund.fundId))
      differences.push({ line: `fund ${fund.fundId}`, field: "fund", stated: "absent", replayed: "present" });
  differences.push(
    ...compareFields("totals", stated.totals, replayed.totals, [
      "funds",
      "receivedPaise",
      "attributedPaise",
      "remainingPaise",
    ]),
  );
  return differences;
}

export const describeDifference = ({ line, field, stated, replayed }: Difference): string =>
  `${line}: ${field} is ${stated} in the statement, ${replayed} in the ledger`;

import { paiseAsRupees } from "@relief-ledger/domain";
import type { Statement } from "./document.js";

const rupees = (paise: number) => `Rs ${paiseAsRupees(paise)}`;
const people = (persons: number | null) =>
  persons === null ? "fewer than 5, or withheld with a small cell" : String(persons);

/** The statement as plain text, for a terminal: the same figures the web page prints. */
export function statementText(statement: Statement): string {
  const { head, period, totals } = statement;
  const out: string[] = [
    `Statement for ${statement.donor?.name ?? statement.donorId} (${statement.donorId})`,
    `Funds received ${period.from ?? "from the start"} to ${period.to ?? "now"}; figures as at the ledger's signed head of ${head.treeSize} events`,
    `(root ${head.rootHash}, signed ${head.signedAt} by key ${head.keyId}` +
      (head.cosignatures.length === 0
        ? ", no witness cosignatures)"
        : `, cosigned by ${head.cosignatures.map((c) => c.witness).join(", ")})`),
    "",
    `Total: ${totals.funds} fund(s), received ${rupees(totals.receivedPaise)}, attributed ${rupees(totals.attributedPaise)}, remaining ${rupees(totals.remainingPaise)}`,
  ];
  for (const fund of statement.funds) {
    out.push(
      "",
      `Fund ${fund.fundId}${fund.reference === null ? "" : ` (${fund.reference})`} to ${fund.cboId}, received ${fund.receivedOn}`,
      `  received ${rupees(fund.receivedPaise)}, attributed ${rupees(fund.attributedPaise)}, remaining ${rupees(fund.remainingPaise)}; people reached: ${people(fund.persons)}`,
    );
    for (const line of fund.lines)
      out.push(
        `  ${line.cboId} / ${line.service}: ${rupees(line.paise)}, ${line.distributions} distribution(s)` +
          (line.withheldCells > 0 ? `, ${line.withheldCells} month(s) withheld` : ""),
      );
    if (fund.withheldPaise > 0) out.push(`  withheld small cells together: ${rupees(fund.withheldPaise)}`);
  }
  return `${out.join("\n")}\n`;
}

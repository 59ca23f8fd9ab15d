import type { Database } from "better-sqlite3";
import { donorAttribution, exactSum, fundsTotal, suppressAttribution, type FundView } from "@relief-ledger/projections";
import type { Statement, StatementFund, StatementLine, StatementPeriod } from "./document.js";

/** The part of a statement the read model decides: everything but the head and the time it was made. */
export type StatementFigures = Pick<Statement, "donorId" | "donor" | "period" | "funds" | "totals">;

const inPeriod = (period: StatementPeriod) => (fund: { receivedOn: string }) =>
  (period.from === null || fund.receivedOn >= period.from) && (period.to === null || fund.receivedOn <= period.to);

/**
 * One fund's lines by CBO × service, from the cells a donor key sees. A withheld cell adds
 * nothing to its line (its money is in the fund's withheldPaise) but is counted in withheldCells,
 * as the donor's attribution already lists it, hidden. Nothing here decides what to hide.
 */
function linesOf(fund: FundView): StatementLine[] {
  const lines = new Map<string, StatementLine & { cellPaise: number[] }>();
  for (const cell of fund.cells) {
    const key = `${cell.cboId} ${cell.service}`;
    let line = lines.get(key);
    if (line === undefined) {
      line = {
        cboId: cell.cboId,
        service: cell.service as StatementLine["service"],
        paise: 0,
        distributions: 0,
        withheldCells: 0,
        cellPaise: [],
      };
      lines.set(key, line);
    }
    if (cell.suppressed || cell.paise === null) line.withheldCells += 1;
    else {
      line.cellPaise.push(cell.paise);
      line.distributions += cell.distributions ?? 0;
    }
  }
  return [...lines.values()]
    .map(({ cellPaise, ...line }) => ({ ...line, paise: exactSum(cellPaise) }))
    .sort((a, b) => (a.cboId === b.cboId ? a.service.localeCompare(b.service) : a.cboId.localeCompare(b.cboId)));
}

function fundOf(fund: FundView): StatementFund {
  const lines = linesOf(fund);
  const figures: StatementFund = {
    fundId: fund.fundId,
    cboId: fund.cboId,
    receivedOn: fund.receivedOn,
    reference: fund.reference,
    restrictedTo: fund.restrictedTo as StatementFund["restrictedTo"],
    receivedPaise: fund.receivedPaise,
    attributedPaise: fund.attributedPaise,
    remainingPaise: fund.remainingPaise,
    distributions: fund.distributions,
    persons: fund.persons,
    suppressed: fund.suppressed,
    lines,
    withheldPaise: fund.suppressedPaise,
  };
  // The statement's own arithmetic, asserted where it is made: a reader adds these up.
  const shown = exactSum(lines.map((line) => line.paise));
  if (shown + figures.withheldPaise !== figures.attributedPaise)
    throw new Error(`fund ${fund.fundId}: lines and withheld money do not add up to what was attributed`);
  if (figures.attributedPaise + figures.remainingPaise !== figures.receivedPaise)
    throw new Error(`fund ${fund.fundId}: attributed and remaining do not add up to what was received`);
  return figures;
}

/**
 * A donor's statement figures as the read model stands: its funds received within the period,
 * each as the donor's own attribution shows it (the small-cell rule in projections, applied to the
 * donor's whole attribution, never to a part of it), grouped by CBO × service. Undefined for a
 * donor the ledger does not know.
 */
export function statementFigures(db: Database, donorId: string, period: StatementPeriod): StatementFigures | undefined {
  const attribution = donorAttribution(db, donorId);
  if (attribution === undefined) return undefined;
  const view = suppressAttribution(attribution);
  const funds = view.funds.filter(inPeriod(period)).map(fundOf);
  return { donorId, donor: view.donor, period, funds, totals: fundsTotal(funds) };
}

import type { CoalitionTotals } from "../queries/coalition-totals.js";
import type { DonorAttribution, FundAttribution, FundCell } from "../queries/donor-attribution.js";
import type { DonorCellPersons } from "../queries/donor-reach.js";

/**
 * The small-cell rule for everything a donor key can read (docs/privacy.md, "Small cells").
 *
 * A cell of 1 to SMALL_CELL_MAX distinct persons is *primary*: every count in it, and its money, is
 * null and `suppressed: true`. So that no hidden count can be recovered by subtracting published
 * figures, each table is closed by *secondary suppression* (decision 0015):
 *
 * - **A fund's cells** add up to the fund's totals. When any cell of a fund is hidden, the visible
 *   cell with the fewest persons (always 5 or more) is hidden too, so the hidden part of the fund
 *   always includes at least 5 people; a fund with no such cell left shows no counts at all.
 * - **Coalition cells** add up to the coalition's totals, and each contains the donor's own cells
 *   for that service and month. A coalition cell is shown only when at least 5 of its persons were
 *   reached by no fund of this donor (so subtracting the donor's own figures always leaves 5 or
 *   more people unknown); when any is hidden, the visible cell with the fewest persons is hidden
 *   too; with none left, the coalition's counts are hidden.
 * - Person counts of a fund or of the donor that are 1 to SMALL_CELL_MAX are hidden.
 *
 * Money stays visible at fund and coalition level, so a donor's funds still reconcile:
 * received = attributed + remaining, and attributed = the visible cells + `suppressedPaise`.
 *
 * Every hidden row says why (`suppressedReason`, decision 0024): `"small"` where the row itself
 * reached 1 to SMALL_CELL_MAX persons, `"protective"` where it is hidden to protect a small group
 * (a complement, a coalition cell the donor's own figures nearly account for) and says nothing of
 * its own size. Labels are given in a table only where they cannot narrow a small cell below
 * 1–4 (see `labelled`); otherwise every hidden row of that table is `"protective"`, which is true
 * of each.
 * Pure: the same inputs give the same view, byte for byte.
 */
export const SMALL_CELL_MAX = 4;
/** The fewest persons a shown count may cover. */
const SAFE_PERSONS = SMALL_CELL_MAX + 1;

const isSmall = (persons: number): boolean => persons >= 1 && persons <= SMALL_CELL_MAX;

/**
 * Why a row's figures are withheld from a donor key: `"small"`, it reached 1 to SMALL_CELL_MAX
 * persons ("fewer than 5"); `"protective"`, it is hidden so that a small group elsewhere cannot be
 * worked out, and its own size is not told.
 */
export type SuppressedReason = "small" | "protective";

/** Fields a donor may not see are null, and the row says whether, and why, they were hidden. */
type Hideable<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null } & {
  suppressed: boolean;
  suppressedReason: SuppressedReason | null;
};

export type FundCellView = Hideable<FundCell, "paise" | "distributions" | "persons">;
export type FundView = Hideable<Omit<FundAttribution, "cells">, "distributions" | "persons"> & {
  cells: FundCellView[];
  /** The money of this fund's hidden cells together: visible cells + this = attributedPaise. */
  suppressedPaise: number;
};
export interface DonorAttributionView {
  donorId: string;
  donor: DonorAttribution["donor"];
  funds: FundView[];
  overall: Hideable<DonorAttribution["overall"], "persons">;
}

type CoalitionCell = CoalitionTotals["cells"][number];
type CellMeasure = "distributions" | "persons" | "valuePaise" | "attributedPaise" | "unfundedPaise" | "schemePaise";
export type CoalitionCellView = Hideable<CoalitionCell, CellMeasure>;
export interface CoalitionTotalsView {
  overall: Hideable<CoalitionTotals["overall"], "distributions" | "persons">;
  cells: CoalitionCellView[];
  fundsReceived: CoalitionTotals["fundsReceived"];
}

/**
 * Which cells of one table to hide. `mustHide` marks the primary cells; if there are any, the
 * shown cell with the fewest persons (the first such in table order) is hidden as their
 * complement. A cell of no persons (every distribution in it voided) is never the complement: it
 * adds nothing to the hidden part, which would then be the primary cells alone. `totalShown` is
 * false when no shown cell was left to be the complement.
 */
export function closeTable<Cell>(
  cells: readonly Cell[],
  mustHide: (cell: Cell) => boolean,
  personsOf: (cell: Cell) => number,
): { hidden: boolean[]; totalShown: boolean } {
  const hidden = cells.map(mustHide);
  if (!hidden.includes(true)) return { hidden, totalShown: true };
  let complement = -1;
  cells.forEach((cell, i) => {
    if (hidden[i] || personsOf(cell) === 0) return;
    if (complement < 0 || personsOf(cell) < personsOf(cells[complement]!)) complement = i;
  });
  if (complement < 0) return { hidden, totalShown: false };
  hidden[complement] = true;
  return { hidden, totalShown: true };
}

/**
 * Whether a table's hidden cells may say which of them are small. Where the table's total counts
 * are published, so are its hidden cells' distributions together (the total less the shown
 * cells): D. Each distribution has a person, so a small cell holds 1 or more of D and a
 * protective one (5 or more persons) 5 or more; a reader told which is which bounds one small
 * cell by D − 5·(protective cells) − (other small cells). That bound is smallest when all but one
 * of the H hidden cells are protective, D − 5·(H − 1), so labels are given only when even that
 * is SMALL_CELL_MAX or more: no split of the table can then narrow a small cell below 1–4. The
 * test reads only D and H, which the reader has too, so whether a table is labelled tells nothing.
 * An unpublished total gives the reader no D, and labels no bound.
 */
function labelled(hiddenDistributions: readonly number[], totalPublished: boolean): boolean {
  if (!totalPublished) return true;
  const total = hiddenDistributions.reduce((sum, n) => sum + n, 0);
  return total - SAFE_PERSONS * (hiddenDistributions.length - 1) >= SMALL_CELL_MAX;
}

/** Each cell's reason: null where shown; "small" or "protective" where hidden, per `labelled`. */
function reasonsOf<Cell>(
  cells: readonly Cell[],
  hidden: readonly boolean[],
  small: (cell: Cell) => boolean,
  distributionsOf: (cell: Cell) => number,
  totalPublished: boolean,
): (SuppressedReason | null)[] {
  const tell = labelled(cells.filter((_, i) => hidden[i]).map(distributionsOf), totalPublished);
  return cells.map((cell, i) => (!hidden[i] ? null : tell && small(cell) ? "small" : "protective"));
}

/** A row's own counts: "small" for 1 to 4 persons, else "protective" (hidden to close its table). */
const rowReason = (shown: boolean, persons: number): SuppressedReason | null =>
  shown ? null : isSmall(persons) ? "small" : "protective";

function fundView(fund: FundAttribution): FundView {
  const { cells, distributions, persons, ...money } = fund;
  const small = (cell: FundCell) => isSmall(cell.persons);
  const { hidden, totalShown } = closeTable(cells, small, (cell) => cell.persons);
  const countsShown = totalShown && !isSmall(persons);
  const reasons = reasonsOf(cells, hidden, small, (cell) => cell.distributions, countsShown);
  return {
    ...money,
    distributions: countsShown ? distributions : null,
    persons: countsShown ? persons : null,
    suppressed: !countsShown,
    suppressedReason: rowReason(countsShown, persons),
    cells: cells.map((cell, i) =>
      hidden[i]
        ? { ...cell, paise: null, distributions: null, persons: null, suppressed: true, suppressedReason: reasons[i]! }
        : { ...cell, suppressed: false, suppressedReason: null },
    ),
    suppressedPaise: cells.reduce((sum, cell, i) => (hidden[i] ? sum + cell.paise : sum), 0),
  };
}

/** Donor attribution as a donor key sees it. */
export function suppressAttribution(attribution: DonorAttribution): DonorAttributionView {
  const { persons, ...overall } = attribution.overall;
  return {
    donorId: attribution.donorId,
    donor: attribution.donor,
    funds: attribution.funds.map(fundView),
    overall: isSmall(persons)
      ? { ...overall, persons: null, suppressed: true, suppressedReason: "small" }
      : { ...overall, persons, suppressed: false, suppressedReason: null },
  };
}

/** Donor attribution as an auditor sees it: the same shape, nothing hidden. */
export function wholeAttribution(attribution: DonorAttribution): DonorAttributionView {
  return {
    ...attribution,
    funds: attribution.funds.map((fund) => ({
      ...fund,
      suppressed: false,
      suppressedReason: null,
      cells: fund.cells.map((cell) => ({ ...cell, suppressed: false, suppressedReason: null })),
      suppressedPaise: 0,
    })),
    overall: { ...attribution.overall, suppressed: false, suppressedReason: null },
  };
}

const cellKey = (cell: { service: string; month: string }) => `${cell.service} ${cell.month}`;

const hiddenCell = (cell: CoalitionCell, reason: SuppressedReason): CoalitionCellView => ({
  service: cell.service,
  month: cell.month,
  distributions: null,
  persons: null,
  valuePaise: null,
  attributedPaise: null,
  unfundedPaise: null,
  schemePaise: null,
  suppressed: true,
  suppressedReason: reason,
});

/**
 * Coalition totals as one donor's key sees them. `donorReach` gives, per service and month, the
 * distinct persons that donor's funds reached: a cell's persons minus these is a floor on the
 * persons in it that the donor cannot account for from its own attribution.
 */
export function suppressCoalition(
  totals: CoalitionTotals,
  donorReach: readonly DonorCellPersons[],
): CoalitionTotalsView {
  const reached = new Map(donorReach.map((cell) => [cellKey(cell), cell.persons]));
  const unaccounted = (cell: CoalitionCell) => cell.persons - (reached.get(cellKey(cell)) ?? 0);
  const { hidden, totalShown } = closeTable(
    totals.cells,
    (cell) => cell.distributions > 0 && unaccounted(cell) < SAFE_PERSONS,
    (cell) => cell.persons,
  );
  const countsShown = totalShown && !isSmall(totals.overall.persons);
  // A cell hidden because the donor's own figures nearly account for it may hold many persons:
  // only a cell of 1 to 4 persons is "small"; the others protect the few the donor cannot see.
  const reasons = reasonsOf(
    totals.cells,
    hidden,
    (cell) => isSmall(cell.persons),
    (cell) => cell.distributions,
    countsShown,
  );
  return {
    overall: countsShown
      ? { ...totals.overall, suppressed: false, suppressedReason: null }
      : {
          ...totals.overall,
          distributions: null,
          persons: null,
          suppressed: true,
          suppressedReason: rowReason(false, totals.overall.persons),
        },
    cells: totals.cells.map((cell, i) =>
      hidden[i] ? hiddenCell(cell, reasons[i]!) : { ...cell, suppressed: false, suppressedReason: null },
    ),
    fundsReceived: totals.fundsReceived,
  };
}

/** Coalition totals as an auditor sees them: the same shape, nothing hidden. */
export function wholeCoalition(totals: CoalitionTotals): CoalitionTotalsView {
  return {
    overall: { ...totals.overall, suppressed: false, suppressedReason: null },
    cells: totals.cells.map((cell) => ({ ...cell, suppressed: false, suppressedReason: null })),
    fundsReceived: totals.fundsReceived,
  };
}

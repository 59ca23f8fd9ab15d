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
 * Pure: the same inputs give the same view, byte for byte.
 */
export const SMALL_CELL_MAX = 4;
/** The fewest persons a shown count may cover. */
const SAFE_PERSONS = SMALL_CELL_MAX + 1;

const isSmall = (persons: number): boolean => persons >= 1 && persons <= SMALL_CELL_MAX;

/** Fields a donor may not see are null, and the row says whether they were hidden. */
type Hideable<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null } & { suppressed: boolean };

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
 * complement. `totalShown` is false when no shown cell was left to be the complement.
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
    if (!hidden[i] && (complement < 0 || personsOf(cell) < personsOf(cells[complement]!))) complement = i;
  });
  if (complement < 0) return { hidden, totalShown: false };
  hidden[complement] = true;
  return { hidden, totalShown: true };
}

function fundView(fund: FundAttribution): FundView {
  const { cells, distributions, persons, ...money } = fund;
  const { hidden, totalShown } = closeTable(
    cells,
    (cell) => isSmall(cell.persons),
    (cell) => cell.persons,
  );
  const countsShown = totalShown && !isSmall(persons);
  return {
    ...money,
    distributions: countsShown ? distributions : null,
    persons: countsShown ? persons : null,
    suppressed: !countsShown,
    cells: cells.map((cell, i) =>
      hidden[i]
        ? { ...cell, paise: null, distributions: null, persons: null, suppressed: true }
        : { ...cell, suppressed: false },
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
      ? { ...overall, persons: null, suppressed: true }
      : { ...overall, persons, suppressed: false },
  };
}

/** Donor attribution as an auditor sees it: the same shape, nothing hidden. */
export function wholeAttribution(attribution: DonorAttribution): DonorAttributionView {
  return {
    ...attribution,
    funds: attribution.funds.map((fund) => ({
      ...fund,
      suppressed: false,
      cells: fund.cells.map((cell) => ({ ...cell, suppressed: false })),
      suppressedPaise: 0,
    })),
    overall: { ...attribution.overall, suppressed: false },
  };
}

const cellKey = (cell: { service: string; month: string }) => `${cell.service} ${cell.month}`;

const hiddenCell = (cell: CoalitionCell): CoalitionCellView => ({
  service: cell.service,
  month: cell.month,
  distributions: null,
  persons: null,
  valuePaise: null,
  attributedPaise: null,
  unfundedPaise: null,
  schemePaise: null,
  suppressed: true,
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
  return {
    overall: countsShown
      ? { ...totals.overall, suppressed: false }
      : { ...totals.overall, distributions: null, persons: null, suppressed: true },
    cells: totals.cells.map((cell, i) => (hidden[i] ? hiddenCell(cell) : { ...cell, suppressed: false })),
    fundsReceived: totals.fundsReceived,
  };
}

/** Coalition totals as an auditor sees them: the same shape, nothing hidden. */
export function wholeCoalition(totals: CoalitionTotals): CoalitionTotalsView {
  return {
    overall: { ...totals.overall, suppressed: false },
    cells: totals.cells.map((cell) => ({ ...cell, suppressed: false })),
    fundsReceived: totals.fundsReceived,
  };
}

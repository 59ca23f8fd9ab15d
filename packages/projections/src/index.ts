export { openProjector, type LiveProjector, type Projector, type ProjectorOptions } from "./runner/projector.js";
export { rebuild, type RebuildOptions } from "./runner/rebuild.js";
export { openReadModel } from "./runner/database.js";
export { PROJECTIONS } from "./projections.js";
export type { DigestTable, Projection, ProjectedEvent } from "./projection.js";
export { findExcess, dayNumber, dateOfDay, type Dated, type Excess } from "./flags/excess.js";
export { allocate, type Allocation, type WalkDistribution, type WalkFund } from "./attribution/allocate.js";
export type { Measures, FundsReceivedByMonth } from "./queries/measures.js";
export { cboTotals, type CboTotals } from "./queries/cbo-totals.js";
export { exactSum } from "./queries/exact.js";
export { coalitionTotals, type CoalitionTotals } from "./queries/coalition-totals.js";
export {
  donorAttribution,
  fundsTotal,
  type DonorAttribution,
  type FundAttribution,
  type FundCell,
} from "./queries/donor-attribution.js";
export {
  earlierDistributions,
  flagById,
  flagOutcomes,
  flagPage,
  flagWindow,
  flags,
  type EarlierDistribution,
  type Flag,
  type FlagFilter,
  type FlagOrder,
  type FlagOutcomes,
  type FlagWindow,
} from "./queries/flags.js";
export { flagNotes, type FlagNote } from "./queries/flag-notes.js";
export { cboDistributionPage, type CboDistribution, type CboDistributionFilter } from "./queries/cbo-distributions.js";
export { DEFAULT_PAGE_LIMIT, InvalidCursorError, MAX_PAGE_LIMIT, type Page, type PageRequest } from "./queries/page.js";
export { cboDirectory, stateValueCells, type CboEntry, type StateValueCell } from "./queries/geography.js";
export { cboIds, donorIds, readModelCheckpoint } from "./queries/listing.js";
export { donorReach, type DonorCellPersons } from "./queries/donor-reach.js";
export {
  SMALL_CELL_MAX,
  closeTable,
  suppressAttribution,
  suppressCoalition,
  wholeAttribution,
  wholeCoalition,
  type CoalitionCellView,
  type CoalitionTotalsView,
  type DonorAttributionView,
  type FundCellView,
  type SuppressedReason,
  type FundView,
} from "./disclosure/small-cells.js";

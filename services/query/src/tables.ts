import type { CboTotals, CoalitionTotals, Flag, FundAttribution, FundCell } from "@relief-ledger/projections";
import type { Column } from "./hxl-csv.js";

/** A row whose person count may have been suppressed for a donor. */
type MaybeSuppressed<T> = Omit<T, "persons"> & { persons: number | null };
type Cell = MaybeSuppressed<CboTotals["cells"][number]>;

// HXL core hashtags: #org (organisation), #adm1 (state), #sector (service), #date, #value, #reached.
const measures: Column<Cell>[] = [
  { header: "service", hxl: "#sector", value: (r) => r.service },
  { header: "month", hxl: "#date+month", value: (r) => r.month },
  { header: "distributions", hxl: "#output+distributions", value: (r) => r.distributions },
  { header: "valuePaise", hxl: "#value+inr+paise", value: (r) => r.valuePaise },
  { header: "persons", hxl: "#reached+persons", value: (r) => r.persons },
  { header: "attributedPaise", hxl: "#value+inr+paise+attributed", value: (r) => r.attributedPaise },
  { header: "unfundedPaise", hxl: "#value+inr+paise+unfunded", value: (r) => r.unfundedPaise },
  { header: "schemePaise", hxl: "#value+inr+paise+scheme", value: (r) => r.schemePaise },
];

export const cboCellColumns = (totals: CboTotals): Column<Cell>[] => [
  { header: "cboId", hxl: "#org+id", value: () => totals.cboId },
  { header: "state", hxl: "#adm1+code", value: () => totals.cbo?.state },
  { header: "district", hxl: "#adm2+name", value: () => totals.cbo?.district },
  ...measures,
];

export const coalitionCellColumns: Column<MaybeSuppressed<CoalitionTotals["cells"][number]>>[] = measures;

type FundRow = MaybeSuppressed<FundCell> & { fundId: string };

export const fundCellColumns: Column<FundRow>[] = [
  { header: "fundId", hxl: "#meta+fund+id", value: (r) => r.fundId },
  { header: "cboId", hxl: "#org+id", value: (r) => r.cboId },
  { header: "service", hxl: "#sector", value: (r) => r.service },
  { header: "month", hxl: "#date+month", value: (r) => r.month },
  { header: "attributedPaise", hxl: "#value+inr+paise+attributed", value: (r) => r.paise },
  { header: "distributions", hxl: "#output+distributions", value: (r) => r.distributions },
  { header: "persons", hxl: "#reached+persons", value: (r) => r.persons },
];

export const fundRows = (
  funds: { fundId: FundAttribution["fundId"]; cells: MaybeSuppressed<FundCell>[] }[],
): FundRow[] => funds.flatMap((fund) => fund.cells.map((cell) => ({ ...cell, fundId: fund.fundId })));

export const flagColumns: Column<Flag>[] = [
  { header: "flagId", hxl: "#meta+flag+id", value: (r) => r.flagId },
  { header: "personId", hxl: "#meta+person+code", value: (r) => r.personId },
  { header: "service", hxl: "#sector", value: (r) => r.service },
  { header: "distributedOn", hxl: "#date", value: (r) => r.distributedOn },
  { header: "cboId", hxl: "#org+id", value: (r) => r.cboId },
  { header: "cboIds", hxl: "#org+id+list", value: (r) => r.cboIds.join(" ") },
  { header: "windowOpensOn", hxl: "#date+start", value: (r) => r.windowOpensOn },
  { header: "earlierCount", hxl: "#meta+earlier+num", value: (r) => r.earlierCount },
  { header: "status", hxl: "#status", value: (r) => r.status },
  { header: "verdict", hxl: "#status+verdict", value: (r) => r.resolution?.verdict },
];

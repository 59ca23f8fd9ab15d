import type { Column, CsvCell } from "@relief-ledger/csv";
import { SERVICE_NAMES, paiseAsRupees, type Service } from "@relief-ledger/domain";
import type {
  CboEntry,
  CboTotals,
  CoalitionCellView,
  Flag,
  FundCellView,
  FundView,
  StateValueCell,
} from "@relief-ledger/projections";

/** A totals cell: whole for a CBO or an auditor, possibly suppressed for a donor. */
type Cell = CboTotals["cells"][number] | CoalitionCellView;

// HXL core hashtags: #org (organisation), #adm1/#adm2 (state, district), #sector (service),
// #date, #output, #value (money: rupees, as people read them), #reached+ind (people reached).
const rupees = (paise: number | null | undefined): CsvCell =>
  paise === null || paise === undefined ? null : paiseAsRupees(paise);

/** The service by name for people, and its code beside it for machines. */
const sector = <Row extends { service: string }>(): Column<Row>[] => [
  { header: "service", hxl: "#sector", value: (r) => SERVICE_NAMES[r.service as Service] ?? r.service },
  { header: "serviceCode", hxl: "#sector+code", value: (r) => r.service },
];

/** "yes" where a donor's view hid the row's counts (their cells are empty), and why. */
const suppressedColumns = <Row extends { suppressed?: boolean; suppressedReason?: string | null }>(): Column<Row>[] => [
  { header: "suppressed", hxl: "#meta+suppressed", value: (r) => (r.suppressed ? "yes" : "no") },
  { header: "suppressedReason", hxl: "#meta+suppressed+reason", value: (r) => r.suppressedReason ?? null },
];

const measures: Column<Cell>[] = [
  ...sector<Cell>(),
  { header: "month", hxl: "#date+month", value: (r) => r.month },
  { header: "distributions", hxl: "#output+distributions", value: (r) => r.distributions },
  { header: "valueInr", hxl: "#value+inr", value: (r) => rupees(r.valuePaise) },
  { header: "persons", hxl: "#reached+ind", value: (r) => r.persons },
  { header: "attributedInr", hxl: "#value+inr+attributed", value: (r) => rupees(r.attributedPaise) },
  { header: "unfundedInr", hxl: "#value+inr+unfunded", value: (r) => rupees(r.unfundedPaise) },
  { header: "schemeInr", hxl: "#value+inr+scheme", value: (r) => rupees(r.schemePaise) },
];

export const cboCellColumns = (totals: CboTotals): Column<Cell>[] => [
  { header: "cboId", hxl: "#org+id", value: () => totals.cboId },
  { header: "state", hxl: "#adm1+code", value: () => totals.cbo?.state },
  { header: "district", hxl: "#adm2+name", value: () => totals.cbo?.district },
  ...measures,
];

export const coalitionCellColumns: Column<CoalitionCellView>[] = [...measures, ...suppressedColumns()];

type FundRow = FundCellView & { fundId: string };

export const fundCellColumns: Column<FundRow>[] = [
  { header: "fundId", hxl: "#meta+fund+id", value: (r) => r.fundId },
  { header: "cboId", hxl: "#org+id", value: (r) => r.cboId },
  ...sector<FundRow>(),
  { header: "month", hxl: "#date+month", value: (r) => r.month },
  { header: "attributedInr", hxl: "#value+inr+attributed", value: (r) => rupees(r.paise) },
  { header: "distributions", hxl: "#output+distributions", value: (r) => r.distributions },
  { header: "persons", hxl: "#reached+ind", value: (r) => r.persons },
  ...suppressedColumns(),
];

export const fundRows = (funds: FundView[]): FundRow[] =>
  funds.flatMap((fund) => fund.cells.map((cell) => ({ ...cell, fundId: fund.fundId })));

export const flagColumns: Column<Flag>[] = [
  { header: "flagId", hxl: "#meta+flag+id", value: (r) => r.flagId },
  { header: "personId", hxl: "#meta+person+code", value: (r) => r.personId },
  ...sector<Flag>(),
  { header: "distributedOn", hxl: "#date", value: (r) => r.distributedOn },
  { header: "cboId", hxl: "#org+id", value: (r) => r.cboId },
  { header: "cboIds", hxl: "#org+id+list", value: (r) => r.cboIds.join(" ") },
  { header: "windowOpensOn", hxl: "#date+start", value: (r) => r.windowOpensOn },
  { header: "earlierCount", hxl: "#meta+earlier+num", value: (r) => r.earlierCount },
  { header: "status", hxl: "#status", value: (r) => r.status },
  { header: "verdict", hxl: "#status+verdict", value: (r) => r.resolution?.verdict },
];

export const cboDirectoryColumns: Column<CboEntry>[] = [
  { header: "cboId", hxl: "#org+id", value: (r) => r.cboId },
  { header: "name", hxl: "#org+name", value: (r) => r.name },
  { header: "state", hxl: "#adm1+code", value: (r) => r.state },
  { header: "district", hxl: "#adm2+name", value: (r) => r.district },
];

export const stateValueColumns: Column<StateValueCell>[] = [
  { header: "state", hxl: "#adm1+code", value: (r) => r.state },
  ...sector<StateValueCell>(),
  { header: "month", hxl: "#date+month", value: (r) => r.month },
  { header: "valueInr", hxl: "#value+inr", value: (r) => rupees(r.valuePaise) },
];

// What a browser may import (@relief-ledger/replay/portable): the report's shape, its
// canonical bytes, its check and the comparison of two reports. Nothing here touches Node.
export { REPORT_FORMAT, canonicalJson, type Report, type SignedHeadAtPoint } from "./report.js";
export {
  ALL,
  TABLES,
  keyOf,
  rowOf,
  sortRows,
  type Cell,
  type Row,
  type TableName,
  type TableSpec,
  type Tables,
} from "./tables.js";
export {
  HEAD_TABLE,
  WHOLE_ROW,
  diffReports,
  diffTable,
  diffTables,
  headRow,
  type Difference,
  type Side,
} from "./diff.js";
export { parseReport, reportProblem, type ReportParse } from "./parse-report.js";
export { AS_OF_HELP, ReplayPointError, includes, replayPoint, type PlacedEvent, type ReplayPoint } from "./point.js";

export { writeCsv, type CsvCell } from "./csv.js";
export { toHxlCsv, type Column } from "./hxl.js";

export {
  STATEMENT_FORMAT,
  STATEMENT_MAX_BYTES,
  StatementFundSchema,
  StatementHeadSchema,
  StatementLineSchema,
  StatementSchema,
  type Statement,
  type StatementFund,
  type StatementHead,
  type StatementLine,
  type StatementPeriod,
} from "./document.js";
export { statementFigures, type StatementFigures } from "./figures.js";
export { compareFigures, describeDifference, type Difference } from "./compare.js";
export { checkStatementHead, type HeadCheck } from "./check-head.js";
export { statementText } from "./text.js";

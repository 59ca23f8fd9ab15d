// A replay of the log to a point (a fresh read model, its report and CSVs) and the comparison of a
// report with another or with a live read model: what `ledger replay` and `ledger reconcile` do,
// and what the query service runs for an auditor's page.
export * from "./portable/index.js";
export { storeUpTo } from "./bounded-store.js";
export { buildReport, type ReplayProgress } from "./build-report.js";
export { readTables } from "./read-tables.js";
export { REPLAY_READ_MODEL_FILE, replayInto } from "./replay-into.js";
export { scanPrefix, type LogPrefix } from "./scan-log.js";
export { headSizes, lastSignedHead } from "./signed-head.js";
export { REPORT_FILE, writeReport } from "./write-report.js";

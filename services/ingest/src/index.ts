export { buildIngestApp, VERSION, type IngestAppOptions } from "./app.js";
export { IngestConfigSchema, type IngestConfig } from "./config.js";
export { startIngest } from "./service.js";
export { todayInIndia, type IngestDeps } from "./deps.js";
export { loadPseudonymizer } from "./pseudonym-key.js";
export { openWriteIndex, type WriteIndex } from "./write-index/write-index.js";

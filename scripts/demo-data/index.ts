// The demo-data generator's public face, for the CLI in main.ts and the end-to-end test.
export { generateCoalition, DEFAULTS, type GenerateOptions } from "./generate.js";
export { submissionsOf } from "./submissions.js";
export { loadCoalition, type LoadTarget, type LoadSummary } from "./load.js";
export { createCboKeys, createLoaderKeys, revokeKeysOf, waitForKey, type LoaderKeys } from "./keys.js";
export { writeCsvFiles } from "./csv.js";
export type * from "./types.js";

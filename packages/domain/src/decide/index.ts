export * from "./write-state.js";
export * from "./decision.js";
export { decideSubmission } from "./submission.js";
export { decideFunds, decideVoid, decideFlagResolution } from "./commands.js";

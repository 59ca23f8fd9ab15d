export * from "./write-state.js";
export * from "./decision.js";
export * from "./commands.js";
export { decide, writeRule, type WriteRule } from "./decide.js";
export { evolveWriteModel, initialWriteModel, writeStateOf, type WriteModel } from "./write-model.js";

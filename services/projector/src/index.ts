export { ProjectorConfigSchema, type ProjectorConfig } from "./config.js";
export { startProjector, VERSION, type RunningProjector } from "./service.js";

export { run, VERSION } from "./run.js";
export { EXIT, CliError, type ExitCode, type Io, type Output } from "./io.js";
export { stateFileOf, type SubmitState, type ChunkState } from "./submit/state.js";

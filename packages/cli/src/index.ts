export { run, VERSION } from "./run.js";
export { EXIT, CliError, type ExitCode, type Io, type Output } from "./io.js";
export { stateFileOf, type SubmitState, type ChunkState } from "./submit/state.js";
export {
  retryDelays,
  sendToIngest,
  type ClientOptions as IngestClientOptions,
  type IngestAnswer,
  type IngestRequest,
} from "./submit/client.js";

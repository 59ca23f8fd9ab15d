// Test helpers other packages reuse (child processes running sources, temp dirs); source only.
export { finished, spawnTs } from "./spawn-ts.testkit.js";
export { tempDir } from "./temp-dir.testkit.js";
export { makeEvents, uniqueStream } from "./events.testkit.js";
export { onFilePositions, tempDirForFile } from "./per-file.testkit.js";

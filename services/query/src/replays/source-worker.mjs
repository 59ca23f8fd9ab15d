// Starts the replay process from TypeScript source (tests, `node --import tsx`): a forked process
// does not inherit the parent's --import hooks, so it registers tsx itself, then imports the entry named
// by its last argument. The build runs the compiled .js entry directly and never loads this file.
import { register } from "tsx/esm/api";

register();
await import(globalThis.process.argv.at(-1));

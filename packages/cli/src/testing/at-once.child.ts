// Runs one `ledger` command line in its own process, at a signal: it loads every module, says
// "ready" on stderr, and runs when a line arrives on stdin. Processes released together act together.
import { run } from "../run.js";

process.stderr.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.destroy();
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

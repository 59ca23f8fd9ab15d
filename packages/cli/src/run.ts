import { Command, CommanderError } from "commander";
import { backupCommands } from "./commands/backup.js";
import { checkProofCommand } from "./commands/check-proof.js";
import { exportCommands } from "./commands/export.js";
import { indexCommand } from "./commands/index-log.js";
import { projectionsCommand } from "./commands/projections.js";
import { keysCommand } from "./commands/keys.js";
import { proveCommands } from "./commands/prove.js";
import { publicKeyCommand } from "./commands/public-key.js";
import { reconcileCommand } from "./commands/reconcile.js";
import { replayCommand } from "./commands/replay.js";
import { signHeadCommand } from "./commands/sign-head.js";
import { statementCommand } from "./commands/statement.js";
import { submitCommand } from "./commands/submit.js";
import { verifyCommand } from "./commands/verify.js";
import { witnessCommand } from "./commands/witness.js";
import { CliError, EXIT, type Io } from "./io.js";

export const VERSION = "0.1.0";

function program(io: Io): Command {
  const ledger = new Command("ledger")
    .description("The relief distribution ledger, from the command line")
    .version(VERSION)
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError("(run `ledger help` for the commands and their flags)");
  // Subcommands made with `.command()` inherit the output and exit settings above.
  keysCommand(ledger, io);
  submitCommand(ledger, io);
  verifyCommand(ledger, io);
  witnessCommand(ledger, io);
  proveCommands(ledger, io);
  checkProofCommand(ledger, io);
  indexCommand(ledger, io);
  signHeadCommand(ledger, io);
  publicKeyCommand(ledger, io);
  projectionsCommand(ledger, io);
  replayCommand(ledger, io);
  reconcileCommand(ledger, io);
  backupCommands(ledger, io);
  exportCommands(ledger, io);
  statementCommand(ledger, io);
  return ledger;
}

/**
 * Runs one `ledger` command line (arguments after the program name) and returns its exit code,
 * so tests drive the real command in-process. Nothing here calls process.exit.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    // A command that fails throws a CliError carrying its exit code; returning means success.
    await program(io).parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end this way too; only a real usage mistake is a failure.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`ledger: ${error.message}\n`);
      return error.exitCode;
    }
    // An unforeseen fault: its name and code only, since a library's message may quote what it read.
    const { name, code } = (error instanceof Error ? error : new Error()) as Error & { code?: unknown };
    const what = typeof code === "string" ? `${name} ${code}` : name;
    io.stderr.write(`ledger: unexpected failure (${what}); its message is not shown, as it may quote data\n`);
    return EXIT.refused;
  }
}

import type { Command } from "commander";
import { CliError, EXIT, count, refusedError, usageError, type Io } from "../io.js";
import { jsonOf } from "../audit/describe.js";
import { liveReadModel, otherReport, readModelFile, type Counterpart } from "../reconciliation/counterpart.js";
import { describeDifference, positions } from "../reconciliation/describe-diff.js";
import { HEAD_TABLE, diffTable, diffTables, headRow, type Difference, type Report } from "@relief-ledger/replay";
import { loadReport } from "../reconciliation/load-report.js";

interface ReconcileFlags {
  readModel?: string;
  against?: string;
  json?: boolean;
}

const differencesBetween = (report: Report, other: Counterpart): Difference[] => [
  ...(other.head ? diffTable(HEAD_TABLE, [headRow(report)], [other.head]) : []),
  ...diffTables(report.tables, other.tables),
];

function asJson(report: Report, other: Counterpart, differences: Difference[]): string {
  return jsonOf({
    report: { point: report.point, position: report.replayed.lastPosition ?? "0" },
    comparedWith: { description: other.description, position: other.position },
    equal: differences.length === 0,
    differences: differences.map(({ left, right, ...where }) => ({ ...where, report: left, [other.label]: right })),
  });
}

function reconcile(file: string, flags: ReconcileFlags, io: Io): void {
  if (flags.against !== undefined && flags.readModel !== undefined)
    throw usageError("give --read-model or --against, not both: a report is compared with one thing at a time");
  const report = loadReport(file);
  const other =
    flags.against === undefined ? liveReadModel(readModelFile(flags.readModel, io.env)) : otherReport(flags.against);
  const differences = differencesBetween(report, other);
  const where = positions(report.replayed.lastPosition ?? "0", other);
  const n = `${count(differences.length)} ${differences.length === 1 ? "difference" : "differences"}`;
  if (flags.json) io.stdout.write(asJson(report, other, differences));
  else if (differences.length === 0)
    io.stdout.write(`${where}\nNo differences: every row of the report equals ${other.description}.\n`);
  else io.stdout.write([where, `${n}:`, ...differences.map((d) => describeDifference(d, other.label)), ""].join("\n"));
  if (differences.length > 0) throw refusedError(`${n} between the report and ${other.description}`);
}

export function reconcileCommand(program: Command, io: Io): void {
  program
    .command("reconcile")
    .description("Compare a replay's report with the live read model, or with another report (auditors)")
    .argument("<report>", "the report.json that ledger replay wrote")
    .option("--read-model <file>", "the live read model (default $LEDGER_READ_MODEL_FILE or <data dir>/read-models.db)")
    .option("--against <report>", "compare with this other report.json instead of the live read model")
    .option("--json", "print the differences as JSON")
    .addHelpText("after", "\nExit codes: 0 no differences, 1 differences (listed), 2 the command or a file is wrong.")
    .action((file: string, flags: ReconcileFlags) => {
      try {
        reconcile(file, flags, io);
      } catch (error) {
        // Exit 1 means differences and nothing else: any other failure is reported as 2.
        if (error instanceof CliError) throw error;
        const { name } = error instanceof Error ? error : new Error();
        throw new CliError(EXIT.usage, `cannot compare (${name}); its message is not shown, as it may quote data`);
      }
    });
}

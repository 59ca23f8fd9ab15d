import { existsSync, writeFileSync } from "node:fs";
import { DonorIdSchema } from "@relief-ledger/domain";
import { iatiActivities, iatiDonor, iatiReport, reportingOrgFrom } from "@relief-ledger/iati";
import { openReadModel, suppressAttribution } from "@relief-ledger/projections";
import type { Command } from "commander";
import { refusedError, usageError, type Io } from "../io.js";
import { readModelFile } from "../reconciliation/counterpart.js";

interface IatiFlags {
  donor?: string;
  all?: boolean;
  readModel?: string;
  out?: string;
}

/** The file a donor would download from GET /v1/donors/:donorId/iati, read from the read model. */
function exportIati(flags: IatiFlags, io: Io): void {
  if ((flags.donor === undefined) === (flags.all !== true))
    throw usageError("give --donor <donorId> or --all: which donors' funds to report");
  if (flags.donor !== undefined && !DonorIdSchema.safeParse(flags.donor).success)
    throw usageError("--donor must be a donor id (a lowercase slug)");
  const file = readModelFile(flags.readModel, io.env);
  if (!existsSync(file)) throw usageError(`no read model at ${file} (check --read-model or $LEDGER_READ_MODEL_FILE)`);
  const db = openReadModel(file);
  try {
    const report = iatiReport(db, {
      donorId: flags.donor,
      reportingOrg: reportingOrgFrom(io.env),
      generatedAt: new Date().toISOString(),
      // What the donor's own key reads, through the same small-cell rule: the file goes to donors.
      view: (attribution) => iatiDonor(suppressAttribution(attribution)),
    });
    if (!report) throw refusedError("no such donor in the read model");
    const xml = iatiActivities(report);
    if (xml === undefined) throw refusedError("no funds to report yet: an IATI file holds at least one activity");
    if (flags.out === undefined) io.stdout.write(xml);
    else {
      try {
        writeFileSync(flags.out, xml, { flag: "wx" });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw usageError(
          `cannot write ${flags.out} (${code === "EEXIST" ? "it exists; give a new file" : String(code)})`,
        );
      }
      const activities = report.donors.reduce((n, donor) => n + donor.funds.length, 0);
      io.stdout.write(`Wrote ${activities} ${activities === 1 ? "activity" : "activities"} to ${flags.out}.\n`);
    }
  } finally {
    db.close();
  }
}

export function exportCommands(program: Command, io: Io): void {
  const exports = program.command("export").description("Write donor reports in open standards");
  exports
    .command("iati")
    .description("A donor's funds (or every donor's) as an IATI 2.03 activity file, one iati-activity per fund")
    .option("--donor <donorId>", "the donor whose funds to report")
    .option("--all", "every donor the read model knows")
    .option("--read-model <file>", "the read model (default $LEDGER_READ_MODEL_FILE or <data dir>/read-models.db)")
    .option("--out <file>", "write to this new file instead of standard output (never overwrites)")
    .addHelpText(
      "after",
      "\nThe coalition is named by $LEDGER_IATI_ORG_REF, $LEDGER_IATI_ORG_NAME and $LEDGER_IATI_ORG_TYPE.",
    )
    .action((flags: IatiFlags) => exportIati(flags, io));
}

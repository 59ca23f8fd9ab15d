import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DistributionInput } from "@relief-ledger/domain";
import { CSV_COLUMNS } from "@relief-ledger/domain";

// Exact paise, as recorded: a file holds one value column, and valueRupees is for people typing.
export const DEMO_CSV_COLUMNS = CSV_COLUMNS.filter((column) => column !== "valueRupees");
import { submissionsOf } from "./submissions.js";
import type { Coalition } from "./types.js";

const cell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

function fundingCell(funding: DistributionInput["funding"]): string {
  switch (funding.kind) {
    case "auto":
      return "auto";
    case "fund":
      return `fund:${funding.fundId}`;
    case "scheme":
      return `scheme:${funding.scheme}`;
  }
}

function row(d: DistributionInput): string {
  const values: Record<string, string> = {
    distributionId: d.distributionId,
    service: d.service,
    quantity: String(d.quantity),
    valuePaise: String(d.valuePaise),
    distributedOn: d.distributedOn,
    funding: fundingCell(d.funding),
    district: d.district ?? "",
  };
  for (const ref of d.beneficiaryRefs) values[ref.type] = ref.value;
  return DEMO_CSV_COLUMNS.map((column) => cell(values[column] ?? "")).join(",");
}

export interface CsvFiles {
  /** One file per CBO, `<cboId>.csv`, rows in upload order. */
  files: string[];
  rows: number;
}

/**
 * Writes each CBO's distributions as the spreadsheet it would send with `ledger submit`, plus
 * `registrations.json` (CBOs, donors, funds, to register first) and `voids.csv`. The files hold
 * the synthetic identity values, so they are readable by their owner only.
 */
export function writeCsvFiles(coalition: Coalition, dir: string): CsvFiles {
  mkdirSync(dir, { recursive: true });
  const header = DEMO_CSV_COLUMNS.join(",") + "\n";
  const files = coalition.cbos.map((c) => join(dir, `${c.registration.cboId}.csv`));
  for (const file of files) writeFileSync(file, header, { mode: 0o600 });
  const fileOf = new Map(coalition.cbos.map((c, i) => [c.registration.cboId, files[i]!]));
  let rows = 0;
  const voids = ["cboId,distributionId,reason"];
  for (const { submission, voids: batchVoids } of submissionsOf(coalition)) {
    appendFileSync(fileOf.get(submission.cboId)!, submission.distributions.map((d) => row(d) + "\n").join(""));
    rows += submission.distributions.length;
    for (const v of batchVoids) voids.push([v.cboId, v.distributionId, v.reason].map(cell).join(","));
  }
  writeFileSync(join(dir, "voids.csv"), voids.join("\n") + "\n");
  const registrations = {
    cbos: coalition.cbos.map((c) => c.registration),
    donors: coalition.donors,
    funds: coalition.funds,
  };
  writeFileSync(join(dir, "registrations.json"), JSON.stringify(registrations, null, 2) + "\n");
  return { files, rows };
}

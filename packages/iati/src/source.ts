import { donorAttribution, donorIds, type DonorAttribution } from "@relief-ledger/projections";
import type { Database } from "better-sqlite3";
import type { IatiDonor, IatiOrganisation, IatiReport } from "./activities.js";

/** What the reader of the file may see of a donor's attribution: the donor's view for donor keys. */
export type IatiView = (attribution: DonorAttribution) => IatiDonor;

const cboRows = (db: Database) =>
  db.prepare<[], { cboId: string; name: string; state: string }>("SELECT cbo_id AS cboId, name, state FROM cbos").all();

/**
 * The report for one donor, or for every donor the read model knows (`donorId` undefined);
 * undefined when that donor is unknown. Every figure is read in one transaction, so the file
 * describes one checkpoint.
 */
export function iatiReport(
  db: Database,
  options: { donorId?: string; reportingOrg: IatiOrganisation; generatedAt: string; view: IatiView },
): IatiReport | undefined {
  return db.transaction(() => {
    const ids = options.donorId === undefined ? donorIds(db) : [options.donorId];
    const attributions = ids.map((id) => donorAttribution(db, id));
    if (attributions.some((attribution) => attribution === undefined)) return undefined;
    const cbos = new Map(cboRows(db).map(({ cboId, ...cbo }) => [cboId, cbo]));
    return {
      reportingOrg: options.reportingOrg,
      generatedAt: options.generatedAt,
      cbos,
      donors: attributions.map((attribution) => options.view(attribution!)),
    };
  })();
}

/** The fields an IATI file reports: money and dates only (no person counts). */
export const iatiDonor = (attribution: {
  donorId: string;
  donor: IatiDonor["donor"];
  funds: readonly IatiDonor["funds"][number][];
}): IatiDonor => ({
  donorId: attribution.donorId,
  donor: attribution.donor,
  funds: attribution.funds.map((fund) => ({
    fundId: fund.fundId,
    cboId: fund.cboId,
    receivedOn: fund.receivedOn,
    receivedPaise: fund.receivedPaise,
    attributedPaise: fund.attributedPaise,
    remainingPaise: fund.remainingPaise,
    cells: fund.cells.map(({ service, month, paise }) => ({ service, month, paise })),
  })),
});

/**
 * The coalition as the reporting organisation, from the environment (docs/api.md). Until the
 * coalition registers an IATI organisation identifier, the placeholder prefix `XI-IATI-` marks it
 * as self-assigned.
 */
export const reportingOrgFrom = (env: Record<string, string | undefined>): IatiOrganisation => ({
  ref: env.LEDGER_IATI_ORG_REF || "XI-IATI-RELIEF-LEDGER",
  name: env.LEDGER_IATI_ORG_NAME || "Relief distribution coalition",
  type: env.LEDGER_IATI_ORG_TYPE || "24",
});

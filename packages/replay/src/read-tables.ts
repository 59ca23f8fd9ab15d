import {
  cboTotals,
  coalitionTotals,
  donorAttribution,
  flags,
  type CboTotals,
  type CoalitionTotals,
  type DonorAttribution,
  type Flag,
  cboIds,
  donorIds,
  readModelCheckpoint,
  type openReadModel,
} from "@relief-ledger/projections";
import { ALL, TABLES, rowOf, sortRows, type Row, type Tables } from "./portable/tables.js";

type ReadModel = ReturnType<typeof openReadModel>;

const cboRows = ({ cboId, cbo, overall, cells }: CboTotals): Row[] => [
  rowOf(TABLES.cboTotals, { cboId, service: ALL, month: ALL, ...cbo, ...overall }),
  ...cells.map((cell) => rowOf(TABLES.cboTotals, { cboId, ...cell })),
];

const coalitionRows = ({ overall, cells }: CoalitionTotals): Row[] => [
  rowOf(TABLES.coalitionTotals, { service: ALL, month: ALL, ...overall }),
  ...cells.map((cell) => rowOf(TABLES.coalitionTotals, cell)),
];

// Funds received by month are not a table of their own: every fund is a row of donor-attribution.
const donorRows = ({ donorId, donor, funds, overall }: DonorAttribution): Row[] => [
  rowOf(TABLES.donorAttribution, { donorId, fundId: ALL, service: ALL, month: ALL, ...donor, ...overall }),
  ...funds.flatMap(({ cells, restrictedTo, ...fund }) => [
    rowOf(TABLES.donorAttribution, {
      donorId,
      service: ALL,
      month: ALL,
      ...fund,
      restrictedTo: restrictedTo?.join(" ") ?? null,
    }),
    ...cells.map(({ paise, ...cell }) =>
      rowOf(TABLES.donorAttribution, { donorId, fundId: fund.fundId, ...cell, attributedPaise: paise }),
    ),
  ]),
];

// A flag's evidence is its window (windowOpensOn, earlierCount), not the list of ids in it: the
// list grows with the square of one person's records, the row does not.
const flagRow = ({ cboIds, resolution, ...flag }: Flag): Row =>
  rowOf(TABLES.flags, { ...flag, ...resolution, cboIds: cboIds.join(" ") });

/**
 * The report's tables as a read model holds them, through the same queries the query service
 * answers with, and the position they hold them at. One read transaction: a projector committing
 * meanwhile cannot give tables from two different positions.
 */
export function readTables(db: ReadModel): { checkpoint: string; tables: Tables } {
  return db.transaction(() => ({
    checkpoint: readModelCheckpoint(db) ?? "0",
    tables: {
      "cbo-totals": sortRows(
        TABLES.cboTotals,
        cboIds(db).flatMap((id) => cboRows(cboTotals(db, id)!)),
      ),
      "coalition-totals": sortRows(TABLES.coalitionTotals, coalitionRows(coalitionTotals(db))),
      "donor-attribution": sortRows(
        TABLES.donorAttribution,
        donorIds(db).flatMap((id) => donorRows(donorAttribution(db, id)!)),
      ),
      flags: sortRows(TABLES.flags, flags(db).map(flagRow)),
    },
  }))();
}

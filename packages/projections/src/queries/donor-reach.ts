import type { Database } from "better-sqlite3";
import { preparedPer } from "./prepared.js";

/** Distinct persons one donor's funds reached in one service and month, across its CBOs. */
export interface DonorCellPersons {
  service: string;
  month: string;
  persons: number;
}

const statements = preparedPer((db) => ({
  reach: db.prepare<[string], DonorCellPersons>(
    `SELECT d.service, d.month, COUNT(DISTINCT d.person_id) AS persons
     FROM funds f JOIN allocations a USING (fund_id) JOIN distributions d USING (distribution_id)
     WHERE f.donor_id = ? GROUP BY d.service, d.month ORDER BY d.service, d.month`,
  ),
}));

/** Per service and month, the persons any fund of this donor paid for (what small-cell rules need). */
export const donorReach = (db: Database, donorId: string): DonorCellPersons[] => statements(db).reach.all(donorId);

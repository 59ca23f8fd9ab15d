import type { Database } from "better-sqlite3";
import { preparedPer } from "./prepared.js";

/** A registered CBO as reports name it: who it is and where it works. No person is in it. */
export interface CboEntry {
  cboId: string;
  name: string;
  state: string;
  district: string;
}

/**
 * Value distributed by state, service and month: money only. A person count by state would count
 * a member served by two CBOs of one state twice, and a distribution count could single out a
 * small cell, so neither is here; money reveals no count (the small-cell rule lets it stand).
 */
export interface StateValueCell {
  state: string;
  service: string;
  month: string;
  valuePaise: number;
}

const statements = preparedPer((db) => ({
  directory: db.prepare<[], CboEntry>("SELECT cbo_id AS cboId, name, state, district FROM cbos ORDER BY state, cbo_id"),
  stateCells: db.prepare<[], StateValueCell>(
    `SELECT c.state, x.service, x.month, SUM(x.value_paise) AS valuePaise
     FROM cbo_cells x JOIN cbos c USING (cbo_id)
     GROUP BY c.state, x.service, x.month ORDER BY c.state, x.service, x.month`,
  ),
}));

/** Every registered CBO, by state. */
export const cboDirectory = (db: Database): CboEntry[] => statements(db).directory.all();

/** The coalition's distributed value by state × service × month (registered CBOs only). */
export const stateValueCells = (db: Database): StateValueCell[] => statements(db).stateCells.all();

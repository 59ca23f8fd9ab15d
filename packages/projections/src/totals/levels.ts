import type { Contribution } from "./contribution.js";

/** One kind of total: a table of measures by key, and its per-person counts that give `persons`. */
export interface Level {
  table: string;
  personsTable: string;
  keyColumns: readonly string[];
  keyOf(c: Contribution): string[];
  /** When a row with no distributions may go: cbo_overall also carries funds received. */
  emptyWhen: string;
  /** Columns the level's table holds beside the measures, 0 in a row the measures create. */
  otherColumns: readonly string[];
}

export const LEVELS: readonly Level[] = [
  {
    table: "cbo_cells",
    personsTable: "cbo_cell_persons",
    keyColumns: ["cbo_id", "service", "month"],
    keyOf: (c) => [c.cboId, c.service, c.month],
    emptyWhen: "distributions = 0",
    otherColumns: [],
  },
  {
    table: "cbo_overall",
    personsTable: "cbo_persons",
    keyColumns: ["cbo_id"],
    keyOf: (c) => [c.cboId],
    emptyWhen: "distributions = 0 AND funds = 0",
    otherColumns: ["funds", "received_paise"],
  },
  {
    table: "coalition_cells",
    personsTable: "coalition_cell_persons",
    keyColumns: ["service", "month"],
    keyOf: (c) => [c.service, c.month],
    emptyWhen: "distributions = 0",
    otherColumns: [],
  },
];

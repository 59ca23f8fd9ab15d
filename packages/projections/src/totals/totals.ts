import type { Projection } from "../projection.js";
import { TOTALS_SCHEMA } from "./schema.js";
import { createTotalsSettler } from "./settle.js";

/** Per-CBO and coalition totals by service and month of distributedOn, and funds received by month. */
export const totals: Projection = {
  name: "totals",
  schema: TOTALS_SCHEMA,
  tables: [
    "cbo_cells",
    "cbo_funds_received",
    "cbo_overall",
    "coalition_cells",
    "total_contributions",
    "cbo_cell_persons",
    "cbo_persons",
    "coalition_cell_persons",
  ],
  open(db) {
    return { settle: createTotalsSettler(db) };
  },
};

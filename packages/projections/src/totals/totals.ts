import type { Projection } from "../projection.js";
import { MEASURE_COLUMNS, TOTALS_SCHEMA } from "./schema.js";
import { createTotalsSettler } from "./settle.js";

/** Per-CBO and coalition totals by service and month of distributedOn, and funds received by month. */
export const totals: Projection = {
  name: "totals",
  schema: TOTALS_SCHEMA,
  tables: [
    { table: "cbo_cells", columns: `cbo_id, service, month, ${MEASURE_COLUMNS}`, orderBy: "cbo_id, service, month" },
    { table: "cbo_funds_received", columns: "cbo_id, month, funds, amount_paise", orderBy: "cbo_id, month" },
    { table: "cbo_overall", columns: `cbo_id, ${MEASURE_COLUMNS}, funds, received_paise`, orderBy: "cbo_id" },
    { table: "coalition_cells", columns: `service, month, ${MEASURE_COLUMNS}`, orderBy: "service, month" },
    {
      table: "total_contributions",
      columns: "distribution_id, cbo_id, service, month, person_id, value_paise, attributed_paise, scheme_paise",
      orderBy: "distribution_id",
    },
    { table: "cbo_cell_persons", columns: "cbo_id, service, month, person_id, distributions", orderBy: "1, 2, 3, 4" },
    { table: "cbo_persons", columns: "cbo_id, person_id, distributions", orderBy: "1, 2" },
    { table: "coalition_cell_persons", columns: "service, month, person_id, distributions", orderBy: "1, 2, 3" },
  ],
  open(db) {
    return { settle: createTotalsSettler(db) };
  },
};

import type { Projection } from "../projection.js";
import { REGISTRY_SCHEMA } from "./schema.js";

/** Who the CBOs and donors are: names for reports, and each CBO's state for filtering flags. */
export const registry: Projection = {
  name: "registry",
  schema: REGISTRY_SCHEMA,
  tables: ["cbos", "donors"],
  open(db) {
    // The store appends registrations with no_stream, so a second one can only be a race: the first wins.
    const addCbo = db.prepare("INSERT OR IGNORE INTO cbos VALUES (?, ?, ?, ?)");
    const addDonor = db.prepare("INSERT OR IGNORE INTO donors VALUES (?, ?, ?)");
    return {
      apply(event) {
        if (event.type === "CboRegistered") {
          const { cboId, name, state, district } = event.data;
          addCbo.run(cboId, name, state, district);
        } else if (event.type === "DonorRegistered") {
          addDonor.run(event.data.donorId, event.data.name, event.data.kind);
        }
      },
    };
  },
};

import type { Projection } from "../projection.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cbos (
  cbo_id   TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  state    TEXT NOT NULL,
  district TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cbos_by_state ON cbos (state);
CREATE TABLE IF NOT EXISTS donors (
  donor_id TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL
) WITHOUT ROWID;
`;

/** Who the CBOs and donors are: names for reports, and each CBO's state for filtering flags. */
export const registry: Projection = {
  name: "registry",
  schema: SCHEMA,
  tables: [
    { table: "cbos", columns: "cbo_id, name, state, district", orderBy: "cbo_id" },
    { table: "donors", columns: "donor_id, name, kind", orderBy: "donor_id" },
  ],
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

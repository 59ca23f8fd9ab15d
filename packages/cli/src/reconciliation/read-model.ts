import type { openReadModel } from "@relief-ledger/projections";

export type ReadModel = ReturnType<typeof openReadModel>;

// The projections package answers per CBO and per donor but cannot yet list them, nor say how far
// its model got; until it exports that, these three read its tables directly, here and only here.

/** Every CBO the model knows: registered, or with distributions or funds before its registration. */
export const cboIds = (db: ReadModel): string[] =>
  db.prepare<[], string>("SELECT cbo_id FROM cbos UNION SELECT cbo_id FROM cbo_overall ORDER BY 1").pluck().all();

/** Every donor the model knows: registered, or named by a fund before its registration. */
export const donorIds = (db: ReadModel): string[] =>
  db.prepare<[], string>("SELECT donor_id FROM donors UNION SELECT donor_id FROM funds ORDER BY 1").pluck().all();

/** The position of the last event the model applied; "0" before any. */
export const checkpointOf = (db: ReadModel): string =>
  db.prepare<[], string>("SELECT position FROM checkpoint WHERE id = 1").pluck().get() ?? "0";
